package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rnnlab.experiments.study.PlannedRun;
import org.rnnlab.experiments.study.ResultRow;
import org.rnnlab.experiments.study.StudyPlan;

/** The study's progress display, on a terminal and off one. */
class StudyProgressTest {
    private static final PlannedRun A = new PlannedRun("0000", null, Map.of("task.length", 50), 1);
    private static final PlannedRun B = new PlannedRun("0001", null, Map.of("task.length", 100), 1);
    private static final StudyPlan PLAN = new StudyPlan("0", "x", Map.of(), null, List.of("task.length"), "task.length",
            List.of(A, B));
    private static final ResultRow SOLVED = new ResultRow("0000", "solved", 1200, 1200L, 0.01, 0.02, 0.0, 0.17, 0.1, "", 3.2);
    private static final ResultRow FAILED = new ResultRow("0001", "failed", 7, null, null, null, null, null, null,
            "IllegalStateException: broken", 0.1);

    @Test
    void onATerminalTheBlockIsRedrawnWithALinePerActiveRun() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        StudyProgress p = new StudyProgress(new PrintWriter(text), true, clock::get);
        p.studyStarted(PLAN, 0, 2);
        p.runStarted(A, 2000);
        p.runStarted(B, 2000);
        String block = text.toString();
        assertThat(block).endsWith("[........................] 0/2 runs, 0 solved, 0s\n"
                + "  run 0000 (length=50, seed 1): update 0/2000\n"
                + "  run 0001 (length=100, seed 1): update 0/2000\n");
        clock.set(10_000_000_000L);
        p.runFinished(A, SOLVED);
        String after = text.toString().substring(block.length());
        // the three lines drawn are erased, the finished run is printed, and the block is drawn again
        assertThat(after).startsWith("\u001b[1F\u001b[2K".repeat(3)
                + "run 0000 (length=50, seed 1): solved after 1200 updates, error rate 0.000 in 3s\n"
                + "[############............] 1/2 runs, 1 solved, 10s eta 10s\n"
                + "  run 0001 (length=100, seed 1): update 0/2000\n");
        clock.set(25_000_000_000L);
        p.runFinished(B, FAILED);
        p.finish();
        assertThat(text.toString()).endsWith("run 0001 (length=100, seed 1): failed: IllegalStateException: broken\n"
                + "[########################] 2/2 runs, 1 solved, 25s\n" + "\u001b[1F\u001b[2K" + "2/2 runs, 1 solved, 25s\n");
    }

    @Test
    void offATerminalOneLinePerFinishedRun() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong(5);
        StudyProgress p = new StudyProgress(new PrintWriter(text), false, clock::get);
        p.studyStarted(PLAN, 1, 1);
        p.runStarted(B, 2000);
        p.runUpdate(B, 10);
        clock.set(65_000_000_005L);
        p.runFinished(B, FAILED);
        p.finish();
        assertThat(text.toString()).isEqualTo("resuming: 1 of 2 runs already finished, 1 to run\n"
                + "run 0001 (length=100, seed 1): failed: IllegalStateException: broken [2/2 runs, 0 solved, 1m05s]\n");
    }
}
