package org.rnnlab.training;

/**
 * How a run ended.
 *
 * @param status solved, out of budget, or diverged
 * @param updates updates done (skipped ones included)
 * @param skippedUpdates updates dropped by a non-finite policy of {@code skip}
 * @param finalLoss the training loss of the last update, NaN if none
 * @param lastEvaluation the last held-out evaluation, or null if none was configured
 * @param seconds wall time
 * @param message for a diverged run, what diverged and where; otherwise ""
 */
public record TrainingResult(Status status, long updates, long skippedUpdates, double finalLoss,
        Evaluation lastEvaluation, double seconds, String message) {
}
