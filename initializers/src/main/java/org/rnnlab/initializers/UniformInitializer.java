package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * Every element drawn independently from U(low, high), whatever the tensor's shape, gates or role.
 * The default [-0.05, 0.05) is Keras's {@code RandomUniform}.
 */
public final class UniformInitializer extends AbstractInitializer {
    static final String NAME = "uniform";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("low", -0.05, Range.any(), "lower end, included"),
            ParamSpec.ofDouble("high", 0.05, Range.any(), "upper end, excluded; must be > low"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final double low;
    private final double high;

    /** The plugin at its defaults: U(-0.05, 0.05). */
    public UniformInitializer() {
        this(DEFAULTS);
    }

    /**
     * @throws InvalidSpecException if low is not below high, which no single parameter's range can say
     */
    private UniformInitializer(Params params) {
        super(NAME, "U(low, high) in every element", PARAMETERS, params);
        this.low = params.getDouble("low");
        this.high = params.getDouble("high");
        List<String> problems = new java.util.ArrayList<>();
        check(params, NAME, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    @Override
    public void check(Params params, String path, List<String> problems) {
        double lo = params.getDouble("low");
        double hi = params.getDouble("high");
        if (!(lo < hi)) {
            problems.add(path + ".low must be < high, found low " + Params.show(lo) + " and high " + Params.show(hi));
        }
    }

    @Override
    public Initializer configure(Params params) {
        return new UniformInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        InitializerSupport.fillUniform(target, low, high, random);
    }
}
