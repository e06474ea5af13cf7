package org.rnnlab.experiments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user reads when the npy task's directory does not hold what it should. */
class NpyTaskProblemsTest {
    @TempDir
    Path dir;

    private void regression(int n) {
        NpyArray x = NpyData.inputs(n, 4, 2, 1);
        NpyData.write(dir.resolve("inputs.npy"), x);
        NpyData.write(dir.resolve("targets.npy"), NpyData.sums(x));
    }

    @Test
    void missingDirectoryAndFiles() {
        Path none = dir.resolve("none");
        assertThat(NpyData.problems(none, Map.of()))
                .containsExactly("task.path: " + none + " is not a directory; it must hold inputs.npy and targets.npy");
        assertThat(NpyData.problems(dir, Map.of())).containsExactly(
                "task.path: cannot read " + dir.resolve("inputs.npy") + ": no such file",
                "task.path: cannot read " + dir.resolve("targets.npy") + ": no such file");
    }

    @Test
    void unreadableFileNamesTheFile() throws Exception {
        regression(10);
        Files.writeString(dir.resolve("targets.npy"), "1,2,3\n");
        assertThat(NpyData.problems(dir, Map.of())).containsExactly("task.path: " + dir.resolve("targets.npy")
                + " is not a NumPy .npy file: it does not start with \\x93NUMPY");
    }

    @Test
    void shapesThatDoNotFit() {
        NpyData.write(dir.resolve("inputs.npy"), NpyArray.of(new int[] {3, 4}, new double[12]));
        NpyData.write(dir.resolve("targets.npy"), NpyArray.of(new int[] {3}, new double[3]));
        assertThat(NpyData.problems(dir, Map.of())).containsExactly("task.path: " + dir.resolve("inputs.npy")
                + " must be floats of shape (N, T, F), each at least 1, found <f8 (3, 4)");

        NpyData.write(dir.resolve("inputs.npy"), NpyData.inputs(5, 4, 2, 1));
        NpyData.write(dir.resolve("targets.npy"), NpyArray.of(new int[] {4, 1}, new double[4]));
        NpyData.write(dir.resolve("lengths.npy"), NpyData.lengths(new int[] {4, 4, 0, 4, 4}));
        assertThat(NpyData.problems(dir, Map.of())).containsExactly(
                "task.path: " + dir.resolve("targets.npy") + " has 4 samples (first dimension) but "
                        + dir.resolve("inputs.npy") + " has 5",
                "task.path: " + dir.resolve("lengths.npy") + " holds 0 at index 2; lengths must be in [1, 4]");
    }

    @Test
    void badTargets() {
        NpyData.write(dir.resolve("inputs.npy"), NpyData.inputs(5, 4, 2, 1));
        NpyData.write(dir.resolve("targets.npy"), new NpyArray(NpyDtype.INT64, new int[] {5, 4, 1}, new double[20]));
        assertThat(NpyData.problems(dir, Map.of())).containsExactly("task.path: " + dir.resolve("targets.npy")
                + " must be floats of shape (N,), (N, O) or (N, T, O), or whole numbers of shape (N,) or (N, T), "
                + "found <i8 (5, 4, 1)");
        NpyData.write(dir.resolve("targets.npy"), new NpyArray(NpyDtype.INT64, new int[] {5}, new double[] {0, 1, -1, 0, 1}));
        assertThat(NpyData.problems(dir, Map.of())).containsExactly("task.path: " + dir.resolve("targets.npy")
                + " holds -1 at index 2; class indices must be >= 0");
        NpyData.write(dir.resolve("targets.npy"), new NpyArray(NpyDtype.INT32, new int[] {5}, new double[5]));
        assertThat(NpyData.problems(dir, Map.of())).containsExactly("task.path: " + dir.resolve("targets.npy")
                + " must hold at least 2 classes (indices 0 and 1), found only class 0");
    }

    @Test
    void heldOutShareMustLeaveBothParts() {
        regression(3);
        assertThat(NpyData.problems(dir, Map.of("testFraction", 0.1))).containsExactly("task.path: task.testFraction 0.1"
                + " of 3 samples holds out 0; both parts need at least one sample (add test_inputs.npy or change testFraction)");
        assertThat(NpyData.problems(dir, Map.of("testFraction", 0))).containsExactly(
                "task.path: the directory has no test_inputs.npy, so task.testFraction must be > 0, found 0");
    }

    @Test
    void withoutDataTheTaskSaysWhatItNeeds() {
        assertThatThrownBy(() -> new NpyTask().inputSize()).isInstanceOf(IllegalStateException.class)
                .hasMessage("The npy task has no data: a spec sets task.path to a directory holding inputs.npy and targets.npy");
    }
}
