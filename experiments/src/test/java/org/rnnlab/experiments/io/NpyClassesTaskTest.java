package org.rnnlab.experiments.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;
import org.rnnlab.training.Split;

/** The npy task on integer targets per step with lengths, and separate test_ files. */
class NpyClassesTaskTest extends TaskContractTest {
    @TempDir
    static Path dir;
    private static boolean written;

    static synchronized Path data() {
        if (!written) {
            write("", 30, 1);
            write("test_", 10, 2);
            written = true;
        }
        return dir;
    }

    private static void write(String prefix, int n, long seed) {
        NpyArray x = NpyData.inputs(n, 6, 3, seed);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = 1 + (i * 7) % 6;
        }
        NpyData.write(dir.resolve(prefix + "inputs.npy"), x);
        NpyData.write(dir.resolve(prefix + "targets.npy"), NpyData.signs(x, lengths));
        NpyData.write(dir.resolve(prefix + "lengths.npy"), NpyData.lengths(lengths));
    }

    @Override
    protected Task createTask() {
        return NpyData.load(data(), Map.of());
    }

    @Test
    void classesAtEveryStepWithLengths() {
        NpyTask task = NpyData.load(data(), Map.of());
        assertThat(task.loss()).isEqualTo(Loss.CROSS_ENTROPY);
        assertThat(task.readAt()).isEqualTo(ReadAt.EVERY);
        assertThat(task.outputSize()).isEqualTo(2);
        assertThat(task.samples(Split.TRAIN)).isEqualTo(30);
        assertThat(task.samples(Split.TEST)).isEqualTo(10);
        assertThat(task.metric().name()).isEqualTo("error_rate");
    }

    @Test
    void paddingIsNotScored() {
        NpyTask task = NpyData.load(data(), Map.of());
        // held-out samples 0 and 1 have lengths 1 and 2
        Batch b = task.data(1, Split.TEST, 2).batch(0);
        assertThat(b.steps()).isEqualTo(6);
        assertThat(b.classes()[5]).containsExactly(-1, -1);
        assertThat(b.lengths()).containsExactly(1, 2);
        assertThat(b.classes()[1][0]).isEqualTo(-1);
        assertThat(b.classes()[1][1]).isBetween(0, 1);
    }

    @Test
    void baselineIsTheEntropyOfTheTrainingClasses() {
        NpyTask task = NpyData.load(data(), Map.of());
        assertThat(task.baselineLoss()).isBetween(0.6, Math.log(2));
    }
}
