package org.rnnlab.experiments.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.experiments.report.AxisLabels;
import org.rnnlab.experiments.study.PlannedRun;
import org.rnnlab.experiments.study.ResultRow;
import org.rnnlab.experiments.study.StudyListener;
import org.rnnlab.experiments.study.StudyPlan;

/**
 * Shows a study's progress: runs finished of the total, how many solved, elapsed time and an estimate
 * of the time left. On a terminal a block is redrawn in place (at most ten times a second): the study's
 * line and one line per active run with its update and budget. Otherwise one plain line is printed per
 * finished run, so logs stay readable.
 */
final class StudyProgress implements StudyListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 24;
    /** The terminal's width: $COLUMNS where the shell exports it, else 80. */
    private static final int WIDTH = columns();

    private final PrintWriter out;
    private final boolean terminal;
    private final java.util.function.LongSupplier nanoTime;
    private final long startNanos;
    private final Map<String, Active> active = new TreeMap<>();
    private int total;
    private int done;
    private int doneBefore;
    private int solved;
    private volatile long lastDraw;
    private int drawnLines;

    private static final class Active {
        final PlannedRun run;
        final long budget;
        volatile long update;

        Active(PlannedRun run, long budget) {
            this.run = run;
            this.budget = budget;
        }
    }

    StudyProgress(PrintWriter out, boolean terminal) {
        this(out, terminal, System::nanoTime);
    }

    /** @param nanoTime the clock, {@link System#nanoTime} but in tests */
    StudyProgress(PrintWriter out, boolean terminal, java.util.function.LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    @Override
    public synchronized void studyStarted(StudyPlan plan, int finished, int toRun) {
        total = plan.runs().size();
        done = finished;
        doneBefore = finished;
        if (finished > 0) {
            out.println("resuming: " + finished + " of " + total + " runs already finished, " + toRun + " to run");
            out.flush();
        }
    }

    @Override
    public synchronized void runStarted(PlannedRun run, long updates) {
        active.put(run.id(), new Active(run, updates));
        if (terminal) {
            draw();
        }
    }

    @Override
    public void runUpdate(PlannedRun run, long update) {
        Active a;
        synchronized (this) {
            a = active.get(run.id());
        }
        if (a != null) {
            a.update = update;
        }
        if (terminal && nanoTime.getAsLong() - lastDraw >= REDRAW_NANOS) {
            synchronized (this) {
                if (nanoTime.getAsLong() - lastDraw >= REDRAW_NANOS) {
                    draw();
                }
            }
        }
    }

    @Override
    public synchronized void runFinished(PlannedRun run, ResultRow row) {
        active.remove(run.id());
        done++;
        if (row.solved()) {
            solved++;
        }
        String line = describe(run) + ": " + outcome(row);
        if (terminal) {
            clear();
            out.println(line);
            draw();
        } else {
            out.println(line + " [" + studyLine() + "]");
            out.flush();
        }
    }

    /** Ends the redrawn block, leaving the last study line on screen. */
    synchronized void finish() {
        if (terminal) {
            clear();
            out.println(studyLine());
            out.flush();
        }
    }

    private static int columns() {
        try {
            return Math.max(60, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    static String outcome(ResultRow row) {
        StringBuilder sb = new StringBuilder(row.status());
        if (row.status().equals(ResultRow.FAILED)) {
            sb.append(": ").append(row.message());
            return sb.toString();
        }
        sb.append(" after ").append(row.updates()).append(row.updates() == 1 ? " update" : " updates");
        if (row.testErrorRate() != null) {
            sb.append(String.format(java.util.Locale.ROOT, ", error rate %.3f", row.testErrorRate()));
        }
        sb.append(" in ").append(Progress.duration(row.wallSeconds()));
        if (!row.message().isEmpty()) {
            sb.append(": ").append(row.message());
        }
        return sb.toString();
    }

    /** {@code 3/8 runs, 2 solved, 35s, eta 1m10s}. */
    private String studyLine() {
        double elapsed = (nanoTime.getAsLong() - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(done).append('/').append(total).append(" runs, ").append(solved).append(" solved, ")
                .append(Progress.duration(elapsed));
        int doneNow = done - doneBefore;
        if (doneNow > 0 && done < total) {
            sb.append(" eta ").append(Progress.duration(elapsed / doneNow * (total - done)));
        }
        return sb.toString();
    }

    private void draw() {
        lastDraw = nanoTime.getAsLong();
        clear();
        int filled = total == 0 ? BAR : BAR * done / total;
        StringBuilder sb = new StringBuilder();
        sb.append(fit("[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + studyLine())).append('\n');
        for (Active a : active.values()) {
            sb.append(fit("  " + describe(a.run) + ": update " + a.update + "/" + a.budget)).append('\n');
        }
        drawnLines = 1 + active.size();
        out.print(sb);
        out.flush();
    }

    /**
     * A redrawn line cut to the terminal's width: a line that wrapped would take two rows, and
     * moving up over the block would then miss one.
     */
    private static String fit(String line) {
        int width = WIDTH - 1;
        return line.length() <= width ? line : line.substring(0, width - 3) + "...";
    }

    /** Moves up over the block drawn last and erases it (ANSI: cursor to previous line, erase line). */
    private void clear() {
        if (drawnLines > 0) {
            out.print(("\u001b[1F\u001b[2K").repeat(drawnLines));
            drawnLines = 0;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * {@code run 0051 (elman, activation=relu, recurrent=identity, transforms=clip_global_norm(threshold=1),
     * length=30, seed 1)}: each axis by its last name and its value in the report's short form, so that a
     * line comes closer to fitting a terminal; results.csv has the full paths.
     */
    static String describe(PlannedRun run) {
        java.util.StringJoiner parts = new java.util.StringJoiner(", ", "run " + run.id() + " (", ")");
        if (run.variant() != null) {
            parts.add(run.variant());
        }
        run.values().forEach((axis, v) -> parts.add(AxisLabels.axis(axis) + "=" + AxisLabels.value(JSON.valueToTree(v))));
        return parts.add("seed " + run.seed()).toString();
    }
}
