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
 * A matrix of independent N(0, 1) entries rescaled so that its spectral radius, the largest modulus
 * of its eigenvalues, is {@code radius}. The spectral radius of the recurrent weights governs the
 * long-run growth of the linearised recurrence, so it sets whether gradients through time tend to
 * vanish or explode at the start of training (Pascanu, Mikolov and Bengio 2013, "On the difficulty of
 * training recurrent neural networks"). The same rescaling is the usual start of echo state networks
 * (Jaeger 2001, "The 'echo state' approach to analysing and training recurrent neural networks").
 *
 * <p>Each gate block is drawn and rescaled on its own, so every gate's recurrence has the radius.
 * Eigenvalues need square blocks: vectors and non-square blocks are refused.
 */
public final class SpectralInitializer extends AbstractInitializer {
    static final String NAME = "spectral";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("radius", 1.0, Range.greaterThan(0), "spectral radius of every gate block"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final double radius;

    /** The plugin at its defaults: radius 1. */
    public SpectralInitializer() {
        this(DEFAULTS);
    }

    private SpectralInitializer(Params params) {
        super(NAME, "Gaussian matrix rescaled to a spectral radius, per square gate block", PARAMETERS, params);
        this.radius = params.getDouble("radius");
    }

    @Override
    public Initializer configure(Params params) {
        return new SpectralInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        InitializerSupport.fillSquareBlocksWithRadius(NAME, target, context, radius,
                block -> InitializerSupport.fillNormal(block, 0, 1, random));
    }
}
