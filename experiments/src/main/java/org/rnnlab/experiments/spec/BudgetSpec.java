package org.rnnlab.experiments.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.training.Budget;

/**
 * A spec's {@code budget}: when a run that has not solved its task stops.
 *
 * @param updates most updates, > 0
 * @param seconds most wall time in seconds, > 0, or null for no time limit (a time limit makes where a
 *     run stops depend on the machine)
 */
public record BudgetSpec(long updates, Double seconds) {
    public static final BudgetSpec DEFAULT = new BudgetSpec(10_000, null);

    public BudgetSpec {
        List<String> problems = new ArrayList<>();
        if (updates < 1) {
            problems.add("budget.updates must be > 0, found " + updates);
        }
        if (seconds != null && !(seconds > 0 && seconds < Double.POSITIVE_INFINITY)) {
            problems.add("budget.seconds must be > 0 (or null for no limit), found " + Params.show(seconds));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    /** Core's budget. */
    public Budget toBudget() {
        Budget b = Budget.updates(updates);
        return seconds == null ? b : b.orWallTime(Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9))));
    }
}
