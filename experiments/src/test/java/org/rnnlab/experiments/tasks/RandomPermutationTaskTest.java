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
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;

class RandomPermutationTaskTest extends TaskContractTest {

    @Override
    protected Task createTask() {
        return new RandomPermutationTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("length", 10));
    }

    @Test
    void theTargetIsTheFirstSymbolZeroOrOneAndTheRestAreUniformDistractors() {
        Task task = task("random_permutation", Map.of("length", 12));
        int[] targets = new int[2];
        int[] distractors = new int[98];
        for (Batch batch : batches(task, 51, 100, 40)) {
            assertThat(batch.steps()).isEqualTo(12);
            for (int b = 0; b < batch.size(); b++) {
                int[] s = symbols(batch, b);
                assertThat(s[0]).isBetween(0, 1);
                assertThat(batch.classes()[0][b]).isEqualTo(s[0]);
                targets[s[0]]++;
                for (int t = 1; t < s.length; t++) {
                    assertThat(s[t]).isBetween(2, 99);
                    distractors[s[t] - 2]++;
                }
            }
        }
        assertBalanced(distractors, "distractors");
        double entropy = assertBalanced(targets, "first symbols");
        assertThat(entropy).as("cross-entropy of the best constant prediction").isCloseTo(task.baselineLoss(), within(0.001));
        assertThat(task.baselineLoss()).isEqualTo(Math.log(2));
        assertThat(task.outputSize()).isEqualTo(100);
    }
}
