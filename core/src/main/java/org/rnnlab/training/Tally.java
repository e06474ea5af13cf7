package org.rnnlab.training;

/**
 * Counts of a metric over some outputs: how many were wrong of how many scored.
 *
 * @param wrong outputs (or sequences) that failed the criterion
 * @param total outputs (or sequences) scored
 */
public record Tally(long wrong, long total) {

    public Tally {
        if (wrong < 0 || total < wrong) {
            throw new IllegalArgumentException("Need 0 <= wrong <= total, found wrong " + wrong + " of " + total);
        }
    }

    public Tally plus(Tally other) {
        return new Tally(wrong + other.wrong, total + other.total);
    }

    /** wrong / total, or 0 when nothing was scored. */
    public double rate() {
        return total == 0 ? 0 : (double) wrong / total;
    }
}
