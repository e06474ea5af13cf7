package org.rnnlab.spi;

import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Split;

/**
 * A learning problem: where its data comes from, what a model must output, how an answer is judged
 * and what a model without memory would score. Its parameters are the problem's (sequence length,
 * variant); a configured task is immutable and thread-safe.
 *
 * <p>Data: every sample is a pure function of (seed, split, sample index), so runs can be replayed,
 * the training and test streams never share a sample, and a batch of size B with index i holds
 * samples [i B, (i + 1) B) whatever else changes.
 */
public interface Task extends Plugin<Task> {

    /** Features per step. */
    int inputSize();

    /** Outputs of the readout: values for MSE, classes for cross-entropy. */
    int outputSize();

    Loss loss();

    ReadAt readAt();

    /** The loss of the best predictor that ignores its input's history: what learning must beat. */
    double baselineLoss();

    /** How an answer is judged; its rate on held-out data is the task's error rate. */
    Metric metric();

    /** The error rate at or below which the task counts as solved (Pascanu et al. 2013: 1%). */
    default double solvedErrorRate() {
        return 0.01;
    }

    /**
     * The task's batches.
     *
     * @param seed the run's data seed
     * @param split training or held-out samples
     * @param batchSize sequences per batch, >= 1
     */
    DataSource data(long seed, Split split, int batchSize);
}
