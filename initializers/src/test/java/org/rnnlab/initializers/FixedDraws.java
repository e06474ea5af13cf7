package org.rnnlab.initializers;

import org.apache.commons.math3.random.AbstractRandomGenerator;

/**
 * A generator whose {@code nextDouble()} returns the given values in order, so a known-answer test
 * can write down what an initializer must produce. Any other draw, or one too many, fails the test.
 */
final class FixedDraws extends AbstractRandomGenerator {
    private final double[] values;
    private int next;

    FixedDraws(double... values) {
        this.values = values.clone();
    }

    @Override
    public double nextDouble() {
        if (next == values.length) {
            throw new AssertionError("drew more than the " + values.length + " values given");
        }
        return values[next++];
    }

    @Override
    public void setSeed(long seed) {
        throw new AssertionError("a known-answer generator is not reseeded");
    }

    /** How many values were drawn. */
    int drawn() {
        return next;
    }
}
