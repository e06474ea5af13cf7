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
 * Every element drawn independently from N(mean, std<sup>2</sup>), whatever the tensor's shape, gates
 * or role. std 0 gives the constant {@code mean}.
 */
public final class NormalInitializer extends AbstractInitializer {
    static final String NAME = "normal";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("mean", 0.0, Range.any(), "mean of every element"),
            ParamSpec.ofDouble("std", 0.01, Range.atLeast(0), "standard deviation of every element"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final double mean;
    private final double std;

    /** The plugin at its defaults: N(0, 0.01^2). */
    public NormalInitializer() {
        this(DEFAULTS);
    }

    private NormalInitializer(Params params) {
        super(NAME, "N(mean, std^2) in every element", PARAMETERS, params);
        this.mean = params.getDouble("mean");
        this.std = params.getDouble("std");
    }

    @Override
    public Initializer configure(Params params) {
        return new NormalInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        InitializerSupport.fillNormal(target, mean, std, random);
    }
}
