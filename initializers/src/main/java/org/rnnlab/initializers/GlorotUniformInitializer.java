package org.rnnlab.initializers;

import org.rnnlab.params.Params;
import org.rnnlab.spi.Initializer;

/**
 * U(-b, b) with b = gain sqrt(6 / (fan_in + fan_out)), which gives the variance
 * gain<sup>2</sup> 2 / (fan_in + fan_out) that keeps activations and gradients of a linear layer at
 * about the same scale going forward and backward (Glorot and Bengio 2010, "Understanding the
 * difficulty of training deep feedforward neural networks"). As PyTorch's {@code xavier_uniform_}:
 * fan_in = columns and fan_out = rows of the whole tensor, gate blocks included. Vectors are refused,
 * as PyTorch refuses tensors of fewer than two dimensions.
 */
public final class GlorotUniformInitializer extends VarianceScalingInitializer {

    /** The plugin at its defaults: gain 1. */
    public GlorotUniformInitializer() {
        this(Rule.GLOROT.defaults());
    }

    private GlorotUniformInitializer(Params params) {
        super("glorot_uniform", "U(-b, b), b = gain sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio 2010)",
                Rule.GLOROT, Distribution.UNIFORM, params);
    }

    @Override
    public Initializer configure(Params params) {
        return new GlorotUniformInitializer(params);
    }
}
