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

class MemorizationTaskTest extends TaskContractTest {

    @Override
    protected Task createTask() {
        return new MemorizationTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("length", 5));
    }

    @Test
    void patternBlanksGoAndThePatternAskedBackInTheLastTenSteps() {
        Task task = task("memorization", Map.of("length", 7));
        assertThat(task.inputSize()).isEqualTo(7);
        assertThat(task.outputSize()).isEqualTo(5);
        assertThat(task.readAt()).isEqualTo(ReadAt.EVERY);
        int[] symbolCounts = new int[5];
        for (Batch batch : batches(task, 61, 100, 20)) {
            assertThat(batch.steps()).isEqualTo(27);
            for (int b = 0; b < batch.size(); b++) {
                int[] s = symbols(batch, b);
                for (int t = 0; t < 27; t++) {
                    int c = batch.classes()[t][b];
                    if (t < 10) {
                        assertThat(s[t]).as("pattern symbol %d", t).isBetween(0, 4);
                        symbolCounts[s[t]]++;
                    } else {
                        assertThat(s[t]).as("input at step %d", t).isEqualTo(t == 17 ? 6 : 5);
                    }
                    assertThat(c).as("target at step %d", t).isEqualTo(t < 17 ? -1 : s[t - 17]);
                }
            }
        }
        double entropy = assertBalanced(symbolCounts, "pattern symbols");
        assertThat(entropy).as("cross-entropy of the best memoryless prediction").isCloseTo(task.baselineLoss(), within(0.001));
        assertThat(task.baselineLoss()).isEqualTo(Math.log(5));
        assertThat(task.metric().name()).isEqualTo("sequence_error_rate");
    }
}
