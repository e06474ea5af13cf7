package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.params.InvalidSpecException;

/**
 * A spec's {@code record}: how often an update is written to {@code metrics.csv}, and how often the
 * gradient's flow through time is measured into {@code diagnostics.jsonl}.
 *
 * @param every updates between two rows, > 0; evaluated updates and the last one are always written
 * @param diagnosticsEvery updates between two lines of {@code diagnostics.jsonl}, >= 0; 0 turns
 *     the diagnostics off. Update 1 is recorded too, so a run has its picture at initialization
 * @param longTermShare whether a diagnostics line also splits the recurrent gradient by lag (the
 *     long-term share above T/10 and T/2): one extra backward pass for a task read at the last step,
 *     O(T²) cell steps for one read at every step
 */
public record RecordSpec(long every, long diagnosticsEvery, boolean longTermShare) {
    public static final long DEFAULT_DIAGNOSTICS_EVERY = 100;
    public static final RecordSpec DEFAULT = new RecordSpec(10, DEFAULT_DIAGNOSTICS_EVERY, true);

    public RecordSpec {
        List<String> problems = new ArrayList<>();
        if (every < 1) {
            problems.add("record.every must be > 0, found " + every);
        }
        if (diagnosticsEvery < 0) {
            problems.add("record.diagnosticsEvery must be >= 0, found " + diagnosticsEvery);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    /** Rows every {@code every} updates, diagnostics at their defaults. */
    public RecordSpec(long every) {
        this(every, DEFAULT_DIAGNOSTICS_EVERY, true);
    }
}
