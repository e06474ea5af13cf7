package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * {@code gain} on the main diagonal and zero elsewhere: the IRNN initialization of Le, Jaitly and
 * Hinton 2015 ("A simple way to initialize recurrent networks of rectified linear units"), where a
 * ReLU network with identity recurrent weights starts by copying its state forward, so gradients pass
 * through time unchanged.
 *
 * <p>A non-square matrix gets the identity of its shape (ones at (i, i) for i &lt; min(rows, cols),
 * like NumPy's {@code eye(rows, cols)}). A gated tensor gets that pattern in each gate block. A vector
 * gets {@code gain} in every element: a vector acts element-wise, as IndRNN's recurrent weight u does
 * (Li et al. 2018), and the element-wise identity is all ones, so "identity" for u means u = gain.
 *
 * <p>Deterministic: the random generator is not used.
 */
public final class IdentityInitializer extends AbstractInitializer {
    static final String NAME = "identity";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("gain", 1.0, Range.any(), "value on the diagonal, and of every element of a vector"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final double gain;

    /** The plugin at its defaults: gain 1. */
    public IdentityInitializer() {
        this(DEFAULTS);
    }

    private IdentityInitializer(Params params) {
        super(NAME, "gain on the diagonal of each gate block, zero elsewhere; gain in every element of a vector",
                PARAMETERS, params);
        this.gain = params.getDouble("gain");
    }

    @Override
    public Initializer configure(Params params) {
        return new IdentityInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        if (context.vector()) {
            CommonOps_DDRM.fill(target, gain);
            return;
        }
        InitializerSupport.forEachGateBlock(NAME, target, context, block -> {
            block.zero();
            for (int i = 0; i < Math.min(block.numRows, block.numCols); i++) {
                block.set(i, i, gain);
            }
        });
    }
}
