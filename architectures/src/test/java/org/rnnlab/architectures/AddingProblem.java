package org.rnnlab.architectures;

import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.training.DataSource;

/**
 * The adding problem for the cells' learning tests (the full task, with its variants, lives in the
 * experiments module): two channels, a value uniform in [0, 1] and a marker; one marker falls in
 * each half of the sequence and the target is the sum of the two marked values (Le, Jaitly, Hinton
 * 2015). Predicting 1 always gives MSE 1/6, the baseline.
 */
final class AddingProblem {
    static final double BASELINE_MSE = 1.0 / 6;

    private AddingProblem() {
    }

    static DataSource source(long seed, int length, int batch) {
        return index -> {
            RandomGenerator random = new RandomStreams(seed).stream("adding/" + index);
            DMatrixRMaj[] xs = new DMatrixRMaj[length];
            for (int t = 0; t < length; t++) {
                xs[t] = new DMatrixRMaj(batch, 2);
            }
            DMatrixRMaj y = new DMatrixRMaj(batch, 1);
            int half = length / 2;
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < length; t++) {
                    xs[t].set(b, 0, random.nextDouble());
                }
                int first = random.nextInt(half);
                int second = half + random.nextInt(length - half);
                xs[first].set(b, 1, 1);
                xs[second].set(b, 1, 1);
                y.set(b, 0, xs[first].get(b, 0) + xs[second].get(b, 0));
            }
            return Batch.regression(xs, null, new DMatrixRMaj[] {y});
        };
    }
}
