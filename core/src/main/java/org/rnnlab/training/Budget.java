package org.rnnlab.training;

import java.time.Duration;

/**
 * When to stop if the task is not solved first: after a number of updates, after a wall time, or
 * whichever comes first. A wall-time budget makes where a run stops depend on the machine; an
 * update budget keeps runs reproducible.
 *
 * @param maxUpdates most updates, >= 1
 * @param maxWallTime most wall time, or null for none
 */
public record Budget(long maxUpdates, Duration maxWallTime) {

    public Budget {
        if (maxUpdates < 1) {
            throw new IllegalArgumentException("maxUpdates must be >= 1, found " + maxUpdates);
        }
        if (maxWallTime != null && (maxWallTime.isNegative() || maxWallTime.isZero())) {
            throw new IllegalArgumentException("maxWallTime must be > 0, found " + maxWallTime);
        }
    }

    public static Budget updates(long maxUpdates) {
        return new Budget(maxUpdates, null);
    }

    /** This budget, also stopping after {@code time}. */
    public Budget orWallTime(Duration time) {
        return new Budget(maxUpdates, time);
    }
}
