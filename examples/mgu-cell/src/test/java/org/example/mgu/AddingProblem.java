package org.example.mgu;

import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.training.DataSource;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997), as Le, Jaitly and Hinton 2015 pose it: two
 * channels, a value uniform in [0, 1] and a marker; one marker falls in each half of the sequence,
 * and the target is the sum of the two marked values. Predicting 1 always gives MSE 1/6.
 */
final class AddingProblem {
    static final double BASELINE_MSE = 1.0 / 6;

    private AddingProblem() {
    }

    /** Batch {@code index} is drawn from its own stream of {@code seed}, so any batch can be read again. */
    static DataSource source(long seed, int length, int batch) {
        return index -> {
            RandomGenerator random = new RandomStreams(seed).stream("adding/" + index);
            DMatrixRMaj[] xs = new DMatrixRMaj[length];
            for (int t = 0; t < length; t++) {
                xs[t] = new DMatrixRMaj(batch, 2);
            }
            DMatrixRMaj y = new DMatrixRMaj(batch, 1);
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < length; t++) {
                    xs[t].set(b, 0, random.nextDouble());
                }
                int first = random.nextInt(length / 2);
                int second = length / 2 + random.nextInt(length - length / 2);
                xs[first].set(b, 1, 1);
                xs[second].set(b, 1, 1);
                y.set(b, 0, xs[first].get(b, 0) + xs[second].get(b, 0));
            }
            return Batch.regression(xs, null, new DMatrixRMaj[] {y});
        };
    }
}
