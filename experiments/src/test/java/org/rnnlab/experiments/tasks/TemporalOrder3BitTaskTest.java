package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.experiments.tasks.TaskSamples.task;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;

class TemporalOrder3BitTaskTest extends TaskContractTest {

    @Override
    protected Task createTask() {
        return new TemporalOrder3BitTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("length", 20));
    }

    @Test
    void threeSymbolsInTheirWindowsMakeEightBalancedClasses() {
        // L = 25: windows start at floor(0.1 L) = 2, floor(0.3 L) = 7 and floor(0.6 L) = 15, 2 wide
        Task task = task("temporal_order_3bit", Map.of("length", 25));
        TemporalOrderTaskTest.assertTemporalOrder(task, 25, new int[][] {{2, 4}, {7, 9}, {15, 17}});
        assertThat(task.outputSize()).isEqualTo(8);
        assertThat(task.baselineLoss()).isEqualTo(Math.log(8));
    }
}
