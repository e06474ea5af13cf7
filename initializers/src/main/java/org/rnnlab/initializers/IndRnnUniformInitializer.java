package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * The recurrent-weight initialization of IndRNN, from Li, Li, Cook, Zhu and Gao 2018 ("Independently
 * recurrent neural network (IndRNN): building a longer and deeper RNN", CVPR): every element of u
 * uniform in (0, 2^(1/T)) in every layer but the last, and in (2^(-1/T), 2^(1/T)) in the last layer
 * ({@link InitContext#lastLayer()}), where T is {@code length}, the number of steps to remember.
 *
 * <p>Each unit of IndRNN multiplies its own state by its u_j at every step, so over T steps its
 * gradient is scaled by about u_j^T: below 2^(1/T) it grows at most twofold, and in the last layer,
 * whose units must carry the answer to the end, above 2^(-1/T) it shrinks at most to a half. Lower
 * layers may also forget quickly, so their u starts anywhere in (0, 2^(1/T)). The bound 2^(1/T) is
 * the one the {@code clamp} constraint can keep during training ({@code limit} 2^(1/T)). Draws are
 * uniform on [low, high), as {@code uniform}'s are.
 *
 * <p>u is a vector, but the draw is element-wise, so any shape is filled; gates are ignored.
 *
 * <p>The paper's full text could not be consulted when this was written; the bounds are those it is
 * known for and that its reference implementations use.
 */
public final class IndRnnUniformInitializer extends AbstractInitializer {
    static final String NAME = "indrnn_uniform";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofInt("length", 100, Range.atLeast(1), "T, the number of steps the units should be able to keep"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final int length;

    /** The plugin at its defaults: T = 100. */
    public IndRnnUniformInitializer() {
        this(DEFAULTS);
    }

    private IndRnnUniformInitializer(Params params) {
        super(NAME, "IndRNN's recurrent weights: U(0, 2^(1/length)), in the last layer U(2^(-1/length), 2^(1/length))",
                PARAMETERS, params);
        this.length = params.getInt("length");
    }

    @Override
    public Initializer configure(Params params) {
        return new IndRnnUniformInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        double high = Math.pow(2, 1.0 / length);
        double low = context.lastLayer() ? 1 / high : 0;
        InitializerSupport.fillUniform(target, low, high, random);
    }
}
