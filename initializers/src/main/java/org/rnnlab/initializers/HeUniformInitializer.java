package org.rnnlab.initializers;

import org.rnnlab.params.Params;
import org.rnnlab.spi.Initializer;

/**
 * U(-b, b) with b = sqrt(3) gain / sqrt(fan) and gain = sqrt(2 / (1 + a<sup>2</sup>)) for a leaky
 * ReLU of negative slope a: the variance gain<sup>2</sup> / fan makes up for the half of its input a
 * rectifier discards (He, Zhang, Ren and Sun 2015, "Delving deep into rectifiers"). As PyTorch's
 * {@code kaiming_uniform_} with {@code nonlinearity="leaky_relu"}: fan is fan_in (columns) or fan_out
 * (rows) of the whole tensor, as {@code mode} says. Vectors are refused.
 */
public final class HeUniformInitializer extends VarianceScalingInitializer {

    /** The plugin at its defaults: mode fan_in, negativeSlope 0. */
    public HeUniformInitializer() {
        this(Rule.HE.defaults());
    }

    private HeUniformInitializer(Params params) {
        super("he_uniform", "U(-b, b), b = sqrt(3) gain / sqrt(fan), gain = sqrt(2 / (1 + a^2)) (He et al. 2015)",
                Rule.HE, Distribution.UNIFORM, params);
    }

    @Override
    public Initializer configure(Params params) {
        return new HeUniformInitializer(params);
    }
}
