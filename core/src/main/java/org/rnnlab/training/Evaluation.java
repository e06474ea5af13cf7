package org.rnnlab.training;

/**
 * The model's performance on held-out data after some updates.
 *
 * @param update the number of updates done when evaluated
 * @param loss mean loss over the held-out batches
 * @param metric the metric's name, or "" if none
 * @param tally the metric's counts (0 of 0 if none)
 */
public record Evaluation(long update, double loss, String metric, Tally tally) {

    /** The metric's rate: wrong / total. */
    public double errorRate() {
        return tally.rate();
    }
}
