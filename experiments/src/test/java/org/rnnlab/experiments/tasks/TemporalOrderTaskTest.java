package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.experiments.tasks.TaskSamples.assertBalanced;
import static org.rnnlab.experiments.tasks.TaskSamples.batches;
import static org.rnnlab.experiments.tasks.TaskSamples.symbols;
import static org.rnnlab.experiments.tasks.TaskSamples.task;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;

class TemporalOrderTaskTest extends TaskContractTest {

    @Override
    protected Task createTask() {
        return new TemporalOrderTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("length", 20));
    }

    @Test
    void symbolsInTheirWindowsMakeTheClassAndClassesAreBalanced() {
        // L = 25: windows start at floor(0.1 L) = 2 and floor(0.5 L) = 12, floor(0.1 L) = 2 wide
        Task task = task("temporal_order", Map.of("length", 25));
        assertTemporalOrder(task, 25, new int[][] {{2, 4}, {12, 14}});
        assertThat(task.baselineLoss()).isEqualTo(Math.log(4));
        assertThat(task.metric().name()).isEqualTo("error_rate");
    }

    /**
     * Checks 4,000 sequences: one-hot, A or B (0 or 1) once in each window and nowhere else, every
     * distractor c to f used about equally, the class v0 + 2 v1 (+ 4 v2), every step of every window
     * used, the classes balanced and their entropy the task's baseline.
     */
    static void assertTemporalOrder(Task task, int length, int[][] windows) {
        int[] classCounts = new int[1 << windows.length];
        int[] distractorCounts = new int[4];
        List<Set<Integer>> positions = IntStream.range(0, windows.length).<Set<Integer>>mapToObj(i -> new TreeSet<>()).toList();
        for (Batch batch : batches(task, 41, 100, 40)) {
            assertThat(batch.steps()).isEqualTo(length);
            for (int b = 0; b < batch.size(); b++) {
                int[] s = symbols(batch, b);
                int[] marked = IntStream.range(0, length).filter(t -> s[t] < 2).toArray();
                assertThat(marked).as("steps holding A or B").hasSize(windows.length);
                int expected = 0;
                for (int i = 0; i < windows.length; i++) {
                    assertThat(marked[i]).as("symbol %d's step", i).isBetween(windows[i][0], windows[i][1] - 1);
                    positions.get(i).add(marked[i]);
                    expected += s[marked[i]] << i;
                }
                for (int t = 0; t < length; t++) {
                    if (s[t] >= 2) {
                        distractorCounts[s[t] - 2]++;
                    }
                }
                assertThat(batch.classes()[0][b]).isEqualTo(expected);
                classCounts[expected]++;
            }
        }
        for (int i = 0; i < windows.length; i++) {
            assertThat(positions.get(i)).containsExactlyElementsOf(
                    IntStream.range(windows[i][0], windows[i][1]).boxed().toList());
        }
        assertBalanced(distractorCounts, "distractors");
        double entropy = assertBalanced(classCounts, "classes");
        assertThat(entropy).as("cross-entropy of the best constant prediction").isCloseTo(task.baselineLoss(), within(0.005));
    }
}
