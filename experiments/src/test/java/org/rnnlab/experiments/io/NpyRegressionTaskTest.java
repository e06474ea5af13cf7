package org.rnnlab.experiments.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;
import org.rnnlab.training.Split;

/** The npy task on float targets [N, 1] read at the last step, held-out data split off by testFraction. */
class NpyRegressionTaskTest extends TaskContractTest {
    @TempDir
    static Path dir;
    private static boolean written;

    static synchronized Path data() {
        if (!written) {
            NpyArray x = NpyData.inputs(40, 5, 2, 1);
            NpyData.write(dir.resolve("inputs.npy"), x);
            NpyData.write(dir.resolve("targets.npy"), NpyData.sums(x));
            written = true;
        }
        return dir;
    }

    @Override
    protected Task createTask() {
        return NpyData.load(data(), Map.of());
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of(), Map.of("testFraction", 0.5, "threshold", 0.1));
    }

    @Test
    void shapesLossAndSplitFollowTheFiles() {
        NpyTask task = NpyData.load(data(), Map.of());
        assertThat(task.inputSize()).isEqualTo(2);
        assertThat(task.outputSize()).isEqualTo(1);
        assertThat(task.loss()).isEqualTo(Loss.MSE);
        assertThat(task.readAt()).isEqualTo(ReadAt.LAST);
        assertThat(task.samples(Split.TRAIN)).isEqualTo(32);
        assertThat(task.samples(Split.TEST)).isEqualTo(8);
        assertThat(task.metric().name()).isEqualTo("squared_error_above_0.04");
    }

    @Test
    void heldOutSamplesAreTheLastOnesInFileOrder() throws Exception {
        NpyTask task = NpyData.load(data(), Map.of());
        NpyArray x = Npy.read(data().resolve("inputs.npy"));
        Batch b = task.data(1, Split.TEST, 8).batch(0);
        for (int row = 0; row < 8; row++) {
            assertThat(b.inputs()[0].get(row, 0)).isEqualTo(x.get(32 + row, 0, 0));
        }
        Batch wrapped = task.data(1, Split.TEST, 8).batch(1);
        assertThat(wrapped.inputs()[0].get(0, 0)).isEqualTo(x.get(32, 0, 0));
    }

    @Test
    void everyEpochVisitsEveryTrainingSampleOnce() throws Exception {
        NpyTask task = NpyData.load(data(), Map.of());
        NpyArray x = Npy.read(data().resolve("inputs.npy"));
        java.util.Set<Double> seen = new java.util.HashSet<>();
        var source = task.data(9, Split.TRAIN, 8);
        for (int i = 0; i < 4; i++) {
            Batch b = source.batch(i);
            for (int row = 0; row < 8; row++) {
                seen.add(b.inputs()[0].get(row, 0));
            }
        }
        java.util.Set<Double> expected = new java.util.HashSet<>();
        for (int n = 0; n < 32; n++) {
            expected.add(x.get(n, 0, 0));
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void baselineIsTheTargetsVarianceOnTrainingSamples() throws Exception {
        NpyTask task = NpyData.load(data(), Map.of());
        double[] y = Npy.read(data().resolve("targets.npy")).data();
        double mean = 0;
        for (int i = 0; i < 32; i++) {
            mean += y[i] / 32;
        }
        double variance = 0;
        for (int i = 0; i < 32; i++) {
            variance += (y[i] - mean) * (y[i] - mean) / 32;
        }
        assertThat(task.baselineLoss()).isCloseTo(variance, org.assertj.core.data.Offset.offset(1e-12));
    }
}
