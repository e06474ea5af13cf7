package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.params.InvalidSpecException;

/**
 * A spec's {@code evaluation}: how often the model is scored on the task's held-out (test) samples,
 * and whether a run stops when it has solved the task.
 *
 * @param every updates between evaluations, > 0; the last update is always evaluated
 * @param batches held-out batches per evaluation, > 0; the same ones every time
 * @param batchSize sequences per held-out batch, > 0
 * @param stopWhenSolved stop as soon as the held-out error rate is at or below the task's solved rate
 */
public record EvaluationSpec(long every, int batches, int batchSize, boolean stopWhenSolved) {
    public static final EvaluationSpec DEFAULT = new EvaluationSpec(100, 10, 100, true);

    public EvaluationSpec {
        List<String> problems = new ArrayList<>();
        if (every < 1) {
            problems.add("evaluation.every must be > 0, found " + every);
        }
        if (batches < 1) {
            problems.add("evaluation.batches must be > 0, found " + batches);
        }
        if (batchSize < 1) {
            problems.add("evaluation.batchSize must be > 0, found " + batchSize);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }
}
