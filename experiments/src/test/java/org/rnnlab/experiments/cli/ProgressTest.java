package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.Evaluation;
import org.rnnlab.training.Status;
import org.rnnlab.training.Tally;
import org.rnnlab.training.TrainingResult;
import org.rnnlab.training.UpdateMetrics;

class ProgressTest {
    private static UpdateMetrics update(long u, double seconds) {
        return new UpdateMetrics(u, 0.25, 1, 1, 0.01, false, false, 0, seconds);
    }

    @Test
    void plainLinesAtEachEvaluation() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(new PrintWriter(text), false, 1000, null);
        p.onUpdate(update(1, 0.1));
        p.onUpdate(update(100, 10));
        p.onEvaluation(new Evaluation(100, 0.125, "error_rate", new Tally(3, 10)));
        p.onFinish(new TrainingResult(Status.BUDGET, 100, 0, 0.25, null, 10, ""));
        assertThat(text.toString()).isEqualTo("update 100/1000 loss 0.2500 test_loss 0.1250 error_rate 0.300 10s eta 1m30s\n");
    }

    @Test
    void aTerminalGetsOneLineRedrawnInPlace() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(new PrintWriter(text), true, 100, 20.0);
        p.onUpdate(update(50, 15));
        p.onFinish(new TrainingResult(Status.BUDGET, 50, 0, 0.25, null, 15, ""));
        assertThat(text.toString()).startsWith("\r[############............] update 50/100 loss 0.2500 15s eta 5s")
                .endsWith("\n").doesNotContain("\n\r");
    }

    @Test
    void durations() {
        assertThat(Progress.duration(35.4)).isEqualTo("35s");
        assertThat(Progress.duration(250)).isEqualTo("4m10s");
        assertThat(Progress.duration(7380)).isEqualTo("2h03m");
    }
}
