package org.rnnlab.experiments.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.experiments.spec.ExperimentResult;
import org.rnnlab.training.Evaluation;
import org.rnnlab.training.Status;
import org.rnnlab.training.TrainingResult;

/**
 * How one run of a study ended: a line of {@code journal.jsonl} and, with the run's variant, axis
 * values and seed from {@code study.json}, a row of {@code results.csv}. Non-finite numbers and
 * numbers a run does not have are null (an empty cell).
 *
 * @param run the run's id
 * @param status {@code solved}, {@code budget}, {@code diverged} or {@code failed} (the run threw)
 * @param updates updates done
 * @param updatesToSolve the updates when the run was solved, null unless solved
 * @param finalLoss the last update's training loss
 * @param testLoss the last held-out evaluation's loss
 * @param testErrorRate the last held-out evaluation's error rate
 * @param baselineLoss the task's baseline loss
 * @param lossToBaseline test loss over baseline loss
 * @param message why a run diverged or failed, "" otherwise
 * @param wallSeconds the run's wall time; the only field that depends on the number of workers
 */
public record ResultRow(String run, String status, long updates, Long updatesToSolve, Double finalLoss, Double testLoss,
        Double testErrorRate, Double baselineLoss, Double lossToBaseline, String message, double wallSeconds)
        implements java.io.Serializable { // so an engine can send a row back from where the run trained

    /** The journal's keys and the result columns after the run's settings, in order. */
    public static final List<String> FIELDS = List.of("status", "updates", "updates_to_solve", "final_loss", "test_loss",
            "test_error_rate", "baseline_loss", "loss_to_baseline", "message", "wall_seconds");

    public static final String FAILED = "failed";

    /** The row of a run that finished training. */
    public static ResultRow of(String run, ExperimentResult result, double wallSeconds) {
        TrainingResult r = result.training();
        Evaluation e = r.lastEvaluation();
        return new ResultRow(run, r.status().word(), r.updates(), r.status() == Status.SOLVED ? r.updates() : null,
                finite(r.finalLoss()), e == null ? null : finite(e.loss()), e == null ? null : finite(e.errorRate()),
                finite(result.experiment().task().baselineLoss()), finite(result.lossToBaseline()), r.message(),
                wallSeconds);
    }

    /** The row of a run that threw. */
    public static ResultRow failed(String run, long updates, Throwable cause, double wallSeconds) {
        String message = cause.getMessage() == null ? cause.getClass().getName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new ResultRow(run, FAILED, updates, null, null, null, null, null, null, message, wallSeconds);
    }

    public boolean solved() {
        return status.equals(Status.SOLVED.word());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The journal line's content. */
    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run);
        m.put("status", status);
        m.put("updates", updates);
        m.put("updates_to_solve", updatesToSolve);
        m.put("final_loss", finalLoss);
        m.put("test_loss", testLoss);
        m.put("test_error_rate", testErrorRate);
        m.put("baseline_loss", baselineLoss);
        m.put("loss_to_baseline", lossToBaseline);
        m.put("message", message);
        m.put("wall_seconds", wallSeconds);
        return m;
    }

    static ResultRow fromTree(Map<?, ?> m) {
        return new ResultRow((String) m.get("run"), (String) m.get("status"), ((Number) m.get("updates")).longValue(),
                whole(m.get("updates_to_solve")), number(m.get("final_loss")), number(m.get("test_loss")),
                number(m.get("test_error_rate")), number(m.get("baseline_loss")), number(m.get("loss_to_baseline")),
                (String) m.get("message"), ((Number) m.get("wall_seconds")).doubleValue());
    }

    private static Long whole(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    private static Double number(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** The cells after the run's settings, in the order of {@link #FIELDS}. */
    List<String> cells() {
        return List.of(status, Long.toString(updates), text(updatesToSolve), text(finalLoss), text(testLoss),
                text(testErrorRate), text(baselineLoss), text(lossToBaseline), message, Double.toString(wallSeconds));
    }

    static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
