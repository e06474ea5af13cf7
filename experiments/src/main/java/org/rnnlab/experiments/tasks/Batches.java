package org.rnnlab.experiments.tasks;

import java.util.Arrays;
import java.util.function.LongFunction;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.training.DataSource;

/** Builds a task's batches from its samples: batch i of size B holds samples [iB, (i + 1)B). */
final class Batches {
    private Batches() {
    }

    /**
     * @param sampleAt sample by index within the split; must be a pure function of the index
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    static DataSource source(Shape shape, int batchSize, LongFunction<Sample> sampleAt) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, found " + batchSize);
        }
        return index -> {
            if (index < 0) {
                throw new IllegalArgumentException("Batch index must be >= 0, found " + index);
            }
            long first = Math.multiplyExact(index, (long) batchSize);
            Sample[] samples = new Sample[batchSize];
            for (int b = 0; b < batchSize; b++) {
                samples[b] = sampleAt.apply(first + b);
            }
            return assemble(shape, samples);
        };
    }

    /**
     * One batch of {@code samples}, as many steps as the longest; shorter sequences are zero-padded
     * and masked by the batch's lengths (null when every sequence has the same length). Class targets
     * past a sequence's end are -1.
     */
    static Batch assemble(Shape shape, Sample[] samples) {
        int size = samples.length;
        int steps = 0;
        for (Sample s : samples) {
            steps = Math.max(steps, s.length());
        }
        int[] lengths = new int[size];
        boolean ragged = false;
        DMatrixRMaj[] inputs = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            inputs[t] = new DMatrixRMaj(size, shape.inputSize());
        }
        for (int b = 0; b < size; b++) {
            double[][] x = samples[b].inputs();
            lengths[b] = x.length;
            ragged |= x.length != steps;
            for (int t = 0; t < x.length; t++) {
                if (x[t].length != shape.inputSize()) {
                    throw new IllegalStateException("Sample " + b + " has " + x[t].length + " features at step " + t
                            + ", the task declares " + shape.inputSize());
                }
                System.arraycopy(x[t], 0, inputs[t].data, b * shape.inputSize(), x[t].length);
            }
        }
        int[] mask = ragged ? lengths : null;
        if (shape.loss() == Loss.MSE) {
            DMatrixRMaj y = new DMatrixRMaj(size, shape.outputSize());
            for (int b = 0; b < size; b++) {
                System.arraycopy(samples[b].value(), 0, y.data, b * shape.outputSize(), shape.outputSize());
            }
            return Batch.regression(inputs, mask, new DMatrixRMaj[] {y});
        }
        int targetSteps = shape.readAt() == ReadAt.LAST ? 1 : steps;
        int[][] classes = new int[targetSteps][size];
        for (int[] step : classes) {
            Arrays.fill(step, -1);
        }
        for (int b = 0; b < size; b++) {
            int[] c = samples[b].classes();
            for (int t = 0; t < c.length; t++) {
                classes[t][b] = c[t];
            }
        }
        return Batch.classification(inputs, mask, classes);
    }
}
