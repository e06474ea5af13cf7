package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.Params;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Task;
import org.rnnlab.training.Split;
import org.rnnlab.training.Tally;

/**
 * The contract every {@link Task} plugin passes: shapes that agree with its declared sizes, loss
 * and readout; samples that are a pure function of (seed, split, index) whatever the batch size;
 * training and held-out samples that differ; a perfect prediction that the metric scores as right;
 * a finite positive baseline; discovery by name. A task's test subclasses it and adds checks of its
 * definition (marker positions, targets, the baseline measured empirically).
 */
public abstract class TaskContractTest {

    /** The plugin at its defaults, as ServiceLoader creates it. */
    protected abstract Task createTask();

    /** Parameter sets to check; the defaults alone unless overridden (keep lengths short: tests run each). */
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of());
    }

    protected final List<Task> tasks() {
        Task plugin = createTask();
        return configurations().stream()
                .map(values -> plugin.parameters().isEmpty() ? plugin
                        : plugin.configure(Params.resolve(plugin.parameters(), values, plugin.name(), Registries.standard())))
                .toList();
    }

    @Test
    public void nameDescriptionAndDiscovery() {
        Task task = createTask();
        assertThat(task.name()).matches("[a-z][a-z0-9_]*");
        assertThat(task.description()).isNotBlank();
        assertThat(Registries.standard().tasks().get(task.name())).isExactlyInstanceOf(task.getClass());
    }

    @Test
    public void batchesHaveTheDeclaredShapes() {
        for (Task task : tasks()) {
            Batch b = task.data(1, Split.TRAIN, 5).batch(0);
            assertThat(b.size()).isEqualTo(5);
            assertThat(b.inputSize()).as("%s input size", task).isEqualTo(task.inputSize());
            int targetSteps = task.readAt() == ReadAt.LAST ? 1 : b.steps();
            if (task.loss() == Loss.MSE) {
                assertThat(b.targets()).as("%s has value targets", task).isNotNull().hasSize(targetSteps);
                for (DMatrixRMaj t : b.targets()) {
                    assertThat(t.numCols).isEqualTo(task.outputSize());
                    assertThat(t.numRows).isEqualTo(5);
                }
            } else {
                assertThat(b.classes()).as("%s has class targets", task).isNotNull().hasNumberOfRows(targetSteps);
                for (int[] step : b.classes()) {
                    assertThat(step).hasSize(5);
                    for (int c : step) {
                        assertThat(c).isBetween(-1, task.outputSize() - 1);
                    }
                }
            }
            for (DMatrixRMaj x : b.inputs()) {
                for (double v : x.data) {
                    assertThat(v).as("%s inputs are finite", task).isFinite();
                }
            }
        }
    }

    @Test
    public void samplesArePureFunctionsOfSeedSplitAndIndex() {
        for (Task task : tasks()) {
            Batch four = task.data(3, Split.TRAIN, 4).batch(2);
            Batch again = task.data(3, Split.TRAIN, 4).batch(2);
            assertSameBatch(four, again, task + ": same seed and index");
            for (int row = 0; row < 4; row++) {
                Batch single = task.data(3, Split.TRAIN, 1).batch(2 * 4 + row);
                assertSameRow(four, row, single, task + ": sample " + (8 + row) + " alone and in a batch of 4");
            }
            assertThat(differs(task.data(3, Split.TRAIN, 4).batch(0), task.data(4, Split.TRAIN, 4).batch(0)))
                    .as("%s: another seed gives other samples", task).isTrue();
        }
    }

    @Test
    public void trainingAndHeldOutSamplesDiffer() {
        for (Task task : tasks()) {
            Batch train = task.data(5, Split.TRAIN, 8).batch(0);
            Batch test = task.data(5, Split.TEST, 8).batch(0);
            assertThat(differs(train, test)).as("%s: training and held-out samples differ", task).isTrue();
        }
    }

    @Test
    public void perfectPredictionsScoreAsRight() {
        for (Task task : tasks()) {
            Batch b = task.data(6, Split.TEST, 6).batch(0);
            DMatrixRMaj[] predictions = perfect(task, b);
            Tally tally = task.metric().score(predictions, b);
            assertThat(tally.total()).as("%s scores something", task).isPositive();
            assertThat(tally.wrong()).as("%s: wrong among perfect predictions", task).isZero();
        }
    }

    @Test
    public void baselineIsFiniteAndPositive() {
        for (Task task : tasks()) {
            assertThat(task.baselineLoss()).as("%s baseline", task).isFinite().isPositive();
            assertThat(task.solvedErrorRate()).isBetween(0.0, 1.0);
        }
    }

    /** The readout outputs a perfect model would give: the targets, or logits of 20 on the right class. */
    protected static DMatrixRMaj[] perfect(Task task, Batch b) {
        int n = task.readAt() == ReadAt.LAST ? 1 : b.steps();
        DMatrixRMaj[] out = new DMatrixRMaj[n];
        for (int t = 0; t < n; t++) {
            if (task.loss() == Loss.MSE) {
                out[t] = b.targets()[t].copy();
            } else {
                out[t] = new DMatrixRMaj(b.size(), task.outputSize());
                for (int row = 0; row < b.size(); row++) {
                    int c = b.classes()[t][row];
                    if (c >= 0) {
                        out[t].set(row, c, 20);
                    }
                }
            }
        }
        return out;
    }

    private static boolean differs(Batch a, Batch b) {
        if (a.steps() != b.steps()) {
            return true;
        }
        for (int t = 0; t < a.steps(); t++) {
            if (!java.util.Arrays.equals(a.inputs()[t].data, b.inputs()[t].data)) {
                return true;
            }
        }
        return false;
    }

    private static void assertSameBatch(Batch a, Batch b, String what) {
        assertThat(a.steps()).as(what).isEqualTo(b.steps());
        for (int row = 0; row < a.size(); row++) {
            assertSameRow(a, row, b, row, what);
        }
    }

    private static void assertSameRow(Batch batch, int row, Batch single, String what) {
        assertSameRow(batch, row, single, 0, what);
    }

    private static void assertSameRow(Batch a, int rowA, Batch b, int rowB, String what) {
        assertThat(a.length(rowA)).as(what + ": length").isEqualTo(b.length(rowB));
        for (int t = 0; t < a.length(rowA); t++) {
            for (int j = 0; j < a.inputSize(); j++) {
                assertThat(a.inputs()[t].get(rowA, j)).as(what + ": input at step " + t).isEqualTo(b.inputs()[t].get(rowB, j));
            }
        }
        if (a.targets() != null) {
            for (int t = 0; t < a.targets().length; t++) {
                for (int j = 0; j < a.targets()[t].numCols; j++) {
                    assertThat(a.targets()[t].get(rowA, j)).as(what + ": target").isEqualTo(b.targets()[t].get(rowB, j));
                }
            }
        }
        if (a.classes() != null) {
            for (int t = 0; t < a.classes().length; t++) {
                assertThat(a.classes()[t][rowA]).as(what + ": class at " + t).isEqualTo(b.classes()[t][rowB]);
            }
        }
    }
}
