package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.experiments.tasks.TaskSamples.task;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.model.Batch;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;
import org.rnnlab.training.Split;

class SequentialMnistTaskTest extends TaskContractTest {
    @TempDir
    Path dir;

    @Override
    protected Task createTask() {
        return new SequentialMnistTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("mode", "pixel"), Map.of("mode", "row"), Map.of("mode", "permuted"));
    }

    @Test
    void theShippedDigitsLoadWithTheClassCountsTheirReadmeGives() {
        Mnist.Splits shipped = Mnist.shipped();
        assertThat(shipped.train().size()).isEqualTo(9_000);
        assertThat(shipped.test().size()).isEqualTo(1_000);
        int[] train = shipped.train().classCounts();
        int[] test = shipped.test().classCounts();
        assertThat(IntStream.range(0, 10).map(c -> train[c] + test[c]).toArray())
                .containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
    }

    @Test
    void rowModeShowsOneRowPerStepAndPixelModeOnePixel() {
        Batch rows = task("sequential_mnist", Map.of("mode", "row")).data(5, Split.TRAIN, 3).batch(2);
        Batch pixels = task("sequential_mnist", Map.of("mode", "pixel")).data(5, Split.TRAIN, 3).batch(2);
        assertThat(rows.steps()).isEqualTo(28);
        assertThat(rows.inputSize()).isEqualTo(28);
        assertThat(pixels.steps()).isEqualTo(784);
        assertThat(pixels.inputSize()).isEqualTo(1);
        double max = 0;
        for (int b = 0; b < 3; b++) {
            assertThat(rows.classes()[0][b]).isEqualTo(pixels.classes()[0][b]);
            for (int t = 0; t < 28; t++) {
                for (int c = 0; c < 28; c++) {
                    double v = rows.inputs()[t].get(b, c);
                    assertThat(v).isEqualTo(pixels.inputs()[t * 28 + c].get(b, 0)).isBetween(0.0, 1.0);
                    max = Math.max(max, v);
                }
            }
        }
        assertThat(max).as("grey level 255 scales to 1").isEqualTo(1.0);
    }

    @Test
    void heldOutSamplesAreTheLastThousandDigitsInFileOrder() {
        Task task = task("sequential_mnist", Map.of("mode", "row"));
        Mnist.Digits test = Mnist.shipped().test();
        Batch batch = task.data(1, Split.TEST, 1_000).batch(0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(batch.classes()[0][i]).isEqualTo(test.label(i));
        }
        assertThat(fingerprint(batch, 7)).isEqualTo(fingerprint(test, 7));
        Batch again = task.data(1, Split.TEST, 1).batch(1_007);
        assertThat(fingerprint(again, 0)).as("sample 1007 is digit 7 again").isEqualTo(fingerprint(test, 7));
    }

    @Test
    void anEpochOfTrainingSamplesShowsEveryTrainingDigitOnceInASeededOrder() {
        Task task = task("sequential_mnist", Map.of("mode", "row"));
        Mnist.Digits train = Mnist.shipped().train();
        var source = task.data(9, Split.TRAIN, 1_000);
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Batch batch = source.batch(i);
            for (int b = 0; b < batch.size(); b++) {
                shown.add(fingerprint(batch, b));
            }
        }
        List<Integer> digits = IntStream.range(0, train.size()).mapToObj(i -> fingerprint(train, i)).toList();
        assertThat(shown).as("a shuffled order").isNotEqualTo(digits);
        assertThat(shown.stream().sorted().toList()).as("every digit once").isEqualTo(digits.stream().sorted().toList());
        int secondEpochFirst = fingerprint(task.data(9, Split.TRAIN, 1).batch(9_000), 0);
        assertThat(List.of(secondEpochFirst)).isNotEqualTo(shown.subList(0, 1));
    }

    @Test
    void thePixelPermutationIsAPermutationFixedPerSeed() {
        int[] p = SequentialMnistTask.pixelPermutation(3);
        assertThat(IntStream.of(p).sorted().toArray()).containsExactly(IntStream.range(0, 784).toArray());
        assertThat(p).isNotEqualTo(IntStream.range(0, 784).toArray());
        assertThat(SequentialMnistTask.pixelPermutation(3)).containsExactly(p);
        assertThat(SequentialMnistTask.pixelPermutation(4)).isNotEqualTo(p);
        Batch permuted = task("sequential_mnist", Map.of("mode", "permuted")).data(3, Split.TEST, 2).batch(0);
        Batch pixels = task("sequential_mnist", Map.of("mode", "pixel")).data(3, Split.TEST, 2).batch(0);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 784; t++) {
                assertThat(permuted.inputs()[t].get(b, 0)).isEqualTo(pixels.inputs()[p[t]].get(b, 0));
            }
        }
    }

    @Test
    void baselineIsTheEntropyOfTheTrainingClassFrequencies() {
        Task task = task("sequential_mnist", Map.of());
        // class counts of the first 9,000 shipped digits: 889 1017 896 936 879 763 928 951 850 891
        assertThat(task.baselineLoss()).isCloseTo(2.3000695, within(1e-7)).isLessThan(Math.log(10));
        assertThat(task.metric().name()).isEqualTo("error_rate");
    }

    @Test
    void aDirectoryOfFullMnistFilesGzippedOrNotIsReadWithItsOwnSplit() throws IOException {
        write("train-images-idx3-ubyte", gzip(images(3)));
        write("train-labels-idx1-ubyte.gz", labels(3, 4, 4, 1));
        write("t10k-images-idx3-ubyte.gz", gzip(images(2)));
        write("t10k-labels-idx1-ubyte", labels(2, 7, 2));
        SequentialMnistTask task = ((SequentialMnistTask) task("sequential_mnist", Map.of("mode", "row"))).withDirectory(dir);
        Batch test = task.data(0, Split.TEST, 3).batch(0);
        assertThat(test.classes()[0]).containsExactly(7, 2, 7);
        assertThat(test.inputs()[0].get(1, 5)).as("digit 1, pixel 5").isEqualTo(pixelByte(1, 5) / 255.0);
        assertThat(test.inputs()[27].get(0, 27)).as("digit 0, pixel 783").isEqualTo(pixelByte(0, 783) / 255.0);
        int[] trainLabels = task.data(0, Split.TRAIN, 3).batch(0).classes()[0];
        assertThat(trainLabels).containsExactlyInAnyOrder(4, 4, 1);
        assertThat(task.baselineLoss()).isCloseTo(-(2 / 3.0) * Math.log(2 / 3.0) - (1 / 3.0) * Math.log(1 / 3.0), within(1e-12));
    }

    @Test
    void theDirParameterReadsTheSameFiles() throws IOException {
        write("train-images-idx3-ubyte", gzip(images(3)));
        write("train-labels-idx1-ubyte.gz", labels(3, 4, 4, 1));
        write("t10k-images-idx3-ubyte.gz", gzip(images(2)));
        write("t10k-labels-idx1-ubyte", labels(2, 7, 2));
        Task task = org.rnnlab.registry.Registries.standard().tasks()
                .create("sequential_mnist", Map.of("mode", "row", "dir", dir.toString()));
        assertThat(task.data(0, Split.TEST, 3).batch(0).classes()[0]).containsExactly(7, 2, 7);
        assertThat(task.params().getString("dir")).isEqualTo(dir.toString());
    }

    @Test
    void aDirWithoutTheFilesIsASpecProblem() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        org.rnnlab.registry.Registries.standard().tasks()
                .create("sequential_mnist", Map.of("dir", dir.toString()), "task", problems);
        assertThat(problems).containsExactly("task.dir: No train-images-idx3-ubyte or train-images-idx3-ubyte.gz in " + dir
                + "; an MNIST directory holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte, each optionally gzipped (.gz)");
        problems.clear();
        org.rnnlab.registry.Registries.standard().tasks()
                .create("sequential_mnist", Map.of("dir", dir.resolve("nowhere").toString()), "task", problems);
        assertThat(problems).containsExactly("task.dir: " + dir.resolve("nowhere") + " is not a directory");
    }

    @Test
    void aMissingFileIsNamedWithWhatADirectoryMustHold() {
        assertThatThrownBy(() -> new SequentialMnistTask().withDirectory(dir))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("No train-images-idx3-ubyte or train-images-idx3-ubyte.gz in " + dir + "; an MNIST directory holds"
                        + " train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte,"
                        + " each optionally gzipped (.gz)");
    }

    @Test
    void aFileWithTheWrongMagicNumber() throws IOException {
        Path images = write("images", labels(3, 1, 2, 3));
        Path labels = write("labels", images(3));
        assertThatThrownBy(() -> Mnist.read(images, labels)).isInstanceOf(CorruptDataException.class)
                .hasMessage("Cannot read data file " + images + ": expected the IDX magic number 0x00000803 (MNIST images),"
                        + " found 0x00000801");
        Path goodImages = write("good-images", images(3));
        assertThatThrownBy(() -> Mnist.read(goodImages, labels))
                .hasMessage("Cannot read data file " + labels + ": expected the IDX magic number 0x00000801 (MNIST labels),"
                        + " found 0x00000803");
    }

    @Test
    void truncatedFiles() throws IOException {
        Path labels = write("labels", labels(3, 1, 2, 3));
        byte[] full = images(3);
        Path images = write("images", Arrays.copyOf(full, full.length - 784));
        assertThatThrownBy(() -> Mnist.read(images, labels))
                .hasMessage("Cannot read data file " + images + ": truncated: 3 images of 28x28 need 2368 bytes, found 1584");
        Path header = write("header", Arrays.copyOf(full, 10));
        assertThatThrownBy(() -> Mnist.read(header, labels))
                .hasMessage("Cannot read data file " + header + ": truncated: the IDX header of MNIST images has 16 bytes,"
                        + " found 10");
        Path shortLabels = write("short-labels", Arrays.copyOf(labels(3, 1, 2, 3), 10));
        assertThatThrownBy(() -> Mnist.read(write("good-images", full), shortLabels))
                .hasMessage("Cannot read data file " + shortLabels + ": truncated: 3 labels need 11 bytes, found 10");
        byte[] gzipped = gzip(full);
        Path brokenGzip = write("broken.gz", Arrays.copyOf(gzipped, gzipped.length / 2));
        assertThatThrownBy(() -> Mnist.read(brokenGzip, labels))
                .hasMessage("Cannot read data file " + brokenGzip + ": starts as gzip but does not decompress:"
                        + " Unexpected end of ZLIB input stream");
    }

    @Test
    void extraBytesWrongImageSizesAndLabelsThatAreNotDigits() throws IOException {
        Path labels = write("labels", labels(3, 1, 2, 3));
        byte[] full = images(3);
        Path longer = write("longer", Arrays.copyOf(full, full.length + 5));
        assertThatThrownBy(() -> Mnist.read(longer, labels))
                .hasMessage("Cannot read data file " + longer + ": 3 images of 28x28 need 2368 bytes, found 2373:"
                        + " extra bytes after the last image");
        byte[] wide = full.clone();
        ByteBuffer.wrap(wide).putInt(12, 27);
        Path narrow = write("narrow", wide);
        assertThatThrownBy(() -> Mnist.read(narrow, labels))
                .hasMessage("Cannot read data file " + narrow + ": expected 28x28 images, found 28x27");
        Path notDigits = write("not-digits", labels(3, 1, 12, 3));
        assertThatThrownBy(() -> Mnist.read(write("images", full), notDigits))
                .hasMessage("Cannot read data file " + notDigits + ": label 12 at index 1 is not a digit 0-9");
    }

    @Test
    void imagesAndLabelsMustBeAsMany() throws IOException {
        Path images = write("images", images(3));
        Path labels = write("labels", labels(2, 1, 2));
        assertThatThrownBy(() -> Mnist.read(images, labels))
                .isInstanceOf(CorruptDataException.class)
                .hasMessage("Cannot read data file " + labels + ": holds 2 labels but " + images
                        + " holds 3 images; expected one label per image");
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static int pixelByte(int image, int p) {
        return (image * 31 + p * 7) % 256;
    }

    /** An IDX images file of {@code count} 28x28 images, pixel p of image i being {@link #pixelByte}. */
    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 784).putInt(0x803).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 784; p++) {
                b.put((byte) pixelByte(i, p));
            }
        }
        return b.array();
    }

    private static byte[] labels(int count, int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(count);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    /** A hash of the 784 scaled pixels of sequence b of a row-mode batch. */
    private static int fingerprint(Batch rows, int b) {
        double[] x = new double[784];
        for (int t = 0; t < 28; t++) {
            for (int c = 0; c < 28; c++) {
                x[t * 28 + c] = rows.inputs()[t].get(b, c);
            }
        }
        return Arrays.hashCode(x);
    }

    private static int fingerprint(Mnist.Digits digits, int item) {
        return Arrays.hashCode(IntStream.range(0, 784).mapToDouble(p -> digits.pixel(item, p)).toArray());
    }
}
