package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.experiments.tasks.TaskSamples.assertMeanWithin;
import static org.rnnlab.experiments.tasks.TaskSamples.batches;
import static org.rnnlab.experiments.tasks.TaskSamples.task;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;

class MultiplicationTaskTest extends TaskContractTest {

    @Override
    protected Task createTask() {
        return new MultiplicationTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("length", 20));
    }

    @Test
    void pascanuSequencesWithTheProductAsTarget() {
        for (Batch batch : batches(task("multiplication", Map.of("length", 40)), 31, 50, 10)) {
            for (int b = 0; b < batch.size(); b++) {
                AddingTaskTest.assertPascanuSequence(batch, b, 40, (x, y) -> x * y);
            }
        }
    }

    @Test
    void baselineIsTheMeanSquaredErrorOfPredictingAQuarter() {
        Task task = task("multiplication", Map.of("length", 50));
        assertThat(task.baselineLoss()).isEqualTo(7.0 / 144);
        double[] squaredErrors = new double[20_000];
        int i = 0;
        for (Batch batch : batches(task, 32, 500, 40)) {
            for (int b = 0; b < batch.size(); b++) {
                double e = batch.targets()[0].get(b, 0) - 0.25;
                squaredErrors[i++] = e * e;
            }
        }
        assertMeanWithin(squaredErrors, task.baselineLoss(), 3, "multiplication baseline");
        assertThat(task.metric().name()).isEqualTo("squared_error_above_0.04");
    }
}
