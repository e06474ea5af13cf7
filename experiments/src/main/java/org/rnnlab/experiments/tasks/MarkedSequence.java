package org.rnnlab.experiments.tasks;

import java.util.function.DoubleBinaryOperator;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Sequences of (value, marker) pairs, the inputs of the adding and multiplication problems: channel 0
 * holds the value, channel 1 the marker.
 */
final class MarkedSequence {
    private MarkedSequence() {
    }

    /**
     * Pascanu, Mikolov and Bengio's 2013 sequence (their reference code, {@code addition.py} and
     * {@code multiplication.py}), drawn in this order: the length l = T + U{0, ..., floor(T/10) - 1};
     * the first marked step p0 = U{0, ..., floor(l/10) - 1}; the second p1 = floor(l/10) +
     * U{0, ..., floor(4l/10) - 1}, so p1 lies in [floor(l/10), floor(l/2)); then the values of steps
     * 0 to l - 1, each U[0, 1). The target is {@code target(x[p0], x[p1])}.
     *
     * <p>The reference code draws one length per batch; here each sample draws its own, so a sample
     * does not depend on the batch it is in, and a batch is masked to each sequence's length.
     *
     * @param minLength T, >= 10
     */
    static Sample pascanu(RandomGenerator random, int minLength, DoubleBinaryOperator target) {
        int length = minLength + random.nextInt(minLength / 10);
        int p0 = random.nextInt(length / 10);
        int p1 = length / 10 + random.nextInt(4 * length / 10);
        return twoMarked(uniform(random, length, 0, 1), p0, p1, target);
    }

    /** {@code length} values U[low, high), drawn in order as low + (high - low) u. */
    static double[] uniform(RandomGenerator random, int length, double low, double high) {
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            values[t] = low + (high - low) * random.nextDouble();
        }
        return values;
    }

    /** {@code values} with markers 1 at steps p0 and p1 only, and the target {@code target(x[p0], x[p1])}. */
    static Sample twoMarked(double[] values, int p0, int p1, DoubleBinaryOperator target) {
        double[] markers = new double[values.length];
        markers[p0] = 1;
        markers[p1] = 1;
        return Sample.regression(inputs(values, markers), target.applyAsDouble(values[p0], values[p1]));
    }

    /**
     * @param values channel 0. Not modified.
     * @param markers channel 1, as long as {@code values}. Not modified.
     * @return [values.length][2]
     */
    static double[][] inputs(double[] values, double[] markers) {
        double[][] x = new double[values.length][2];
        for (int t = 0; t < values.length; t++) {
            x[t][0] = values[t];
            x[t][1] = markers[t];
        }
        return x;
    }
}
