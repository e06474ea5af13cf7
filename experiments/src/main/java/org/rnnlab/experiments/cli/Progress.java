package org.rnnlab.experiments.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.rnnlab.training.Evaluation;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.TrainingResult;
import org.rnnlab.training.UpdateMetrics;

/**
 * Shows a run's progress: updates done of the budget, the training loss, the last held-out loss and
 * error rate, elapsed time and an estimate of the time left. On a terminal one line is redrawn in
 * place (at most ten times a second); otherwise, as in CI logs, a plain line is printed at every
 * evaluation, so logs stay readable.
 */
final class Progress implements TrainingListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final long maxUpdates;
    private final Double maxSeconds;
    private long update;
    private double loss = Double.NaN;
    private double seconds;
    private Evaluation evaluation;
    private long lastDraw;
    private int lastWidth;

    /**
     * @param maxSeconds the wall-time budget, or null
     */
    Progress(PrintWriter out, boolean terminal, long maxUpdates, Double maxSeconds) {
        this.out = out;
        this.terminal = terminal;
        this.maxUpdates = maxUpdates;
        this.maxSeconds = maxSeconds;
    }

    /** Reads no gradient: the trainer need not keep every step's state gradient for it. */
    @Override
    public boolean readsStateGradients(long update) {
        return false;
    }

    @Override
    public void onUpdate(UpdateMetrics m) {
        update = m.update();
        loss = m.loss();
        seconds = m.seconds();
        if (terminal && System.nanoTime() - lastDraw >= REDRAW_NANOS) {
            draw();
        }
    }

    @Override
    public void onEvaluation(Evaluation e) {
        evaluation = e;
        if (terminal) {
            draw();
        } else {
            out.println(line());
            out.flush();
        }
    }

    @Override
    public void onFinish(TrainingResult result) {
        if (terminal) {
            draw();
            out.println();
            out.flush();
        }
    }

    private void draw() {
        lastDraw = System.nanoTime();
        int filled = (int) Math.min(BAR, BAR * update / Math.max(1, maxUpdates));
        String text = "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + line();
        int pad = Math.max(0, lastWidth - text.length());
        lastWidth = text.length();
        out.print("\r" + text + " ".repeat(pad));
        out.flush();
    }

    /** The status as one line: {@code update 1200/10000 loss 0.0123 test_loss 0.0101 error_rate 0.234 35s eta 4m10s}. */
    String line() {
        StringBuilder sb = new StringBuilder();
        sb.append("update ").append(update).append('/').append(maxUpdates);
        sb.append(" loss ").append(number(loss));
        if (evaluation != null) {
            sb.append(" test_loss ").append(number(evaluation.loss()));
            sb.append(" error_rate ").append(String.format(Locale.ROOT, "%.3f", evaluation.errorRate()));
        }
        sb.append(' ').append(duration(seconds));
        double eta = eta();
        if (!Double.isNaN(eta)) {
            sb.append(" eta ").append(duration(eta));
        }
        return sb.toString();
    }

    private double eta() {
        if (update == 0) {
            return Double.NaN;
        }
        double byUpdates = seconds * (maxUpdates - update) / update;
        return maxSeconds == null ? byUpdates : Math.max(0, Math.min(byUpdates, maxSeconds - seconds));
    }

    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : String.valueOf(v);
    }

    /** {@code 35s}, {@code 4m10s}, {@code 2h03m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
