package org.rnnlab.experiments.tasks;

import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;

/**
 * What a task's batches look like to a model: features per step, outputs, loss and where it is read.
 *
 * @param inputSize features per step
 * @param outputSize values (MSE) or classes (cross-entropy)
 */
record Shape(int inputSize, int outputSize, Loss loss, ReadAt readAt) {

    /** One value per sequence, read at its last step with mean squared error. */
    static Shape valueAtEnd(int inputSize) {
        return new Shape(inputSize, 1, Loss.MSE, ReadAt.LAST);
    }

    /** One class per sequence, read at its last step with cross-entropy. */
    static Shape classAtEnd(int inputSize, int classes) {
        return new Shape(inputSize, classes, Loss.CROSS_ENTROPY, ReadAt.LAST);
    }

    /** A class (or -1, unscored) at every step, with cross-entropy. */
    static Shape classEveryStep(int inputSize, int classes) {
        return new Shape(inputSize, classes, Loss.CROSS_ENTROPY, ReadAt.EVERY);
    }
}
