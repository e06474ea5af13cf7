package org.rnnlab.initializers;

import org.rnnlab.params.Params;
import org.rnnlab.spi.Initializer;

/**
 * N(0, s<sup>2</sup>) with s = gain sqrt(2 / (fan_in + fan_out)), the normal form of Glorot and
 * Bengio 2010 ("Understanding the difficulty of training deep feedforward neural networks"). As
 * PyTorch's {@code xavier_normal_}: fan_in = columns and fan_out = rows of the whole tensor, gate blocks
 * included. Vectors are refused, as PyTorch refuses tensors of fewer than two dimensions.
 */
public final class GlorotNormalInitializer extends VarianceScalingInitializer {

    /** The plugin at its defaults: gain 1. */
    public GlorotNormalInitializer() {
        this(Rule.GLOROT.defaults());
    }

    private GlorotNormalInitializer(Params params) {
        super("glorot_normal", "N(0, s^2), s = gain sqrt(2 / (fan_in + fan_out)) (Glorot and Bengio 2010)",
                Rule.GLOROT, Distribution.NORMAL, params);
    }

    @Override
    public Initializer configure(Params params) {
        return new GlorotNormalInitializer(params);
    }
}
