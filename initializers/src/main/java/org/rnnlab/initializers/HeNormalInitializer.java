package org.rnnlab.initializers;

import org.rnnlab.params.Params;
import org.rnnlab.spi.Initializer;

/**
 * N(0, s<sup>2</sup>) with s = gain / sqrt(fan) and gain = sqrt(2 / (1 + a<sup>2</sup>)) for a leaky
 * ReLU of negative slope a (He, Zhang, Ren and Sun 2015, "Delving deep into rectifiers"). As PyTorch's
 * {@code kaiming_normal_} with {@code nonlinearity="leaky_relu"}: fan is fan_in (columns) or fan_out
 * (rows) of the whole tensor, as {@code mode} says. Vectors are refused.
 */
public final class HeNormalInitializer extends VarianceScalingInitializer {

    /** The plugin at its defaults: mode fan_in, negativeSlope 0. */
    public HeNormalInitializer() {
        this(Rule.HE.defaults());
    }

    private HeNormalInitializer(Params params) {
        super("he_normal", "N(0, s^2), s = gain / sqrt(fan), gain = sqrt(2 / (1 + a^2)) (He et al. 2015)",
                Rule.HE, Distribution.NORMAL, params);
    }

    @Override
    public Initializer configure(Params params) {
        return new HeNormalInitializer(params);
    }
}
