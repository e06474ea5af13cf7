package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.experiments.tasks.TaskSamples.assertBalanced;
import static org.rnnlab.experiments.tasks.TaskSamples.batches;
import static org.rnnlab.experiments.tasks.TaskSamples.symbols;
import static org.rnnlab.experiments.tasks.TaskSamples.task;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.model.ReadAt;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;

class CopyTaskTest extends TaskContractTest {

    @Override
    protected Task createTask() {
        return new CopyTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("length", 5));
    }

    @Test
    void tenSymbolsThenBlanksADelimiterAndTheSymbolsAskedBack() {
        Task task = task("copy", Map.of("length", 7));
        assertThat(task.inputSize()).isEqualTo(10);
        assertThat(task.outputSize()).isEqualTo(9);
        assertThat(task.readAt()).isEqualTo(ReadAt.EVERY);
        int[] symbolCounts = new int[8];
        double memorylessLoss = 0;
        long scored = 0;
        for (Batch batch : batches(task, 71, 100, 20)) {
            assertThat(batch.steps()).isEqualTo(27);
            for (int b = 0; b < batch.size(); b++) {
                int[] s = symbols(batch, b);
                for (int t = 0; t < 27; t++) {
                    int c = batch.classes()[t][b];
                    if (t < 10) {
                        assertThat(s[t]).as("pattern symbol %d", t).isBetween(1, 8);
                        symbolCounts[s[t] - 1]++;
                    } else {
                        assertThat(s[t]).as("input at step %d: blank, the delimiter at T + 9", t).isEqualTo(t == 16 ? 9 : 0);
                    }
                    assertThat(c).as("target at step %d", t).isEqualTo(t < 17 ? 0 : s[t - 17]);
                    // the memoryless strategy: certain of the blank until T + 10, uniform over a1..a8 after
                    double p = t < 17 ? (c == 0 ? 1 : 0) : (c >= 1 && c <= 8 ? 1.0 / 8 : 0);
                    memorylessLoss -= Math.log(p);
                    scored++;
                }
            }
        }
        assertBalanced(symbolCounts, "pattern symbols");
        assertThat(memorylessLoss / scored).isCloseTo(task.baselineLoss(), within(1e-12));
        assertThat(task.baselineLoss()).isEqualTo(10 * Math.log(8) / 27);
        assertThat(task("copy", Map.of()).baselineLoss()).isCloseTo(0.17329, within(1e-5));
        assertThat(task.metric().name()).isEqualTo("sequence_error_rate");
    }
}
