package org.rnnlab.experiments.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Task;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;
import org.rnnlab.training.Split;

/**
 * Sequential MNIST (Le, Jaitly, Hinton 2015, "A simple way to initialize recurrent networks of
 * rectified linear units"): a handwritten digit is read one pixel per step, 784 steps in row-major
 * order ({@code mode} {@code pixel}); or with the pixels in a fixed random order ({@code permuted},
 * the permuted MNIST of the same paper); or one row of 28 pixels per step, 28 steps ({@code row}).
 * Pixels are scaled to [0, 1]. The digit's class is read at the last step with cross-entropy; success
 * is at most 1% of held-out digits misclassified.
 *
 * <p>Data: the 10,000 MNIST digits shipped in this jar (see {@code data/README.md} beside them),
 * the first 9,000 for training and the last 1,000 held out; or, with the parameter {@code dir} (or
 * {@link #withDirectory} from Java), the full MNIST's IDX files with their own split (60,000 and 10,000).
 *
 * <p>Samples, as a pure function of (seed, split, index): training sample i is digit
 * {@code order_e[i mod n]} of the n training digits, where e = floor(i / n) is the epoch and
 * {@code order_e} a permutation of the n drawn from the stream {@code "data/train/epoch/" + e}; held-out
 * sample i is digit {@code i mod n} of the held-out ones, in file order. The permuted pixel order is a
 * permutation of the 784 drawn from the stream {@code "data/permutation"}, fixed for a seed.
 * Permutations are Fisher-Yates shuffles: for k from n - 1 down to 1, swap entries k and U{0, ..., k}.
 *
 * <p>Baseline: the entropy of the training split's class frequencies, -sum_c p_c log p_c: the
 * cross-entropy of the best prediction that ignores the image, the class prior. It is a little under
 * log 10 = 2.3026 because the digits are not quite balanced (2.3001 for the shipped training split).
 */
public final class SequentialMnistTask extends AbstractPlugin<Task> implements Task {
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofChoice("mode", "pixel", List.of("pixel", "row", "permuted"),
                    "pixel: 784 steps of one pixel; row: 28 steps of a 28-pixel row; permuted: 784 pixels in a fixed random order"),
            ParamSpec.ofString("dir", "",
                    "a directory with the full MNIST's four IDX files (gzipped or not); empty for the 10,000 shipped digits"));

    private final String mode;
    private final Shape shape;
    private final Supplier<Mnist.Splits> digits;

    /** The plugin at its defaults: one pixel per step, the shipped digits. */
    public SequentialMnistTask() {
        this(Params.of(PARAMETERS, Map.of()), Mnist::shipped);
    }

    private SequentialMnistTask(Params params, Supplier<Mnist.Splits> digits) {
        super("sequential_mnist", "Sequential MNIST: classify a handwritten digit read one pixel (or one row) per step",
                PARAMETERS, params);
        this.mode = params.getChoice("mode");
        this.shape = Shape.classAtEnd(mode.equals("row") ? Mnist.SIDE : 1, 10);
        this.digits = digits;
    }

    /** Reads the directory's files on first use; a bad file is reported then, naming it. */
    @Override
    public SequentialMnistTask configure(Params params) {
        String dir = params.getString("dir");
        if (dir.isEmpty()) {
            return new SequentialMnistTask(params, Mnist::shipped);
        }
        return new SequentialMnistTask(params, memoize(() -> {
            try {
                return Mnist.fromDirectory(Path.of(dir));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            }
        }));
    }

    /** A missing directory or file is a spec problem, reported with the others before anything runs. */
    @Override
    public void check(Params params, String path, List<String> problems) {
        String dir = params.getString("dir");
        if (dir.isEmpty()) {
            return;
        }
        try {
            Mnist.checkDirectory(Path.of(dir));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            problems.add(path + ".dir: " + e.getMessage());
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * This task on the full MNIST in {@code dir}: {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte},
     * each optionally gzipped ({@code .gz}), read now (the {@code dir} parameter reads them on first use).
     *
     * @throws java.io.FileNotFoundException if a file is missing
     * @throws CorruptDataException if a file is not a valid MNIST file, or images and labels disagree
     */
    public SequentialMnistTask withDirectory(Path dir) throws IOException {
        Mnist.Splits splits = Mnist.fromDirectory(dir);
        return new SequentialMnistTask(params(), () -> splits);
    }

    @Override
    public int inputSize() {
        return shape.inputSize();
    }

    @Override
    public int outputSize() {
        return shape.outputSize();
    }

    @Override
    public Loss loss() {
        return shape.loss();
    }

    @Override
    public ReadAt readAt() {
        return shape.readAt();
    }

    @Override
    public double baselineLoss() {
        int[] counts = digits.get().train().classCounts();
        double n = digits.get().train().size();
        double entropy = 0;
        for (int c : counts) {
            if (c > 0) {
                entropy -= c / n * Math.log(c / n);
            }
        }
        return entropy;
    }

    @Override
    public Metric metric() {
        return Metrics.classificationError();
    }

    @Override
    public DataSource data(long seed, Split split, int batchSize) {
        int[] pixelOrder = mode.equals("permuted") ? pixelPermutation(seed) : null;
        LongFunction<Sample> samples;
        if (split == Split.TRAIN) {
            Mnist.Digits train = digits.get().train();
            LongFunction<int[]> epochOrder = epochOrders(seed, train.size());
            samples = index -> sample(train, epochOrder.apply(index / train.size())[(int) (index % train.size())], pixelOrder);
        } else {
            Mnist.Digits test = digits.get().test();
            samples = index -> sample(test, (int) (index % test.size()), pixelOrder);
        }
        return Batches.source(shape, batchSize, samples);
    }

    /** The permuted mode's pixel order under {@code seed}: step t shows pixel {@code order[t]}. */
    static int[] pixelPermutation(long seed) {
        return permutation(new RandomStreams(seed).stream("data/permutation"), Mnist.PIXELS);
    }

    /** Each epoch's order of the training digits, remembering the latest (batches mostly come in order). */
    private static LongFunction<int[]> epochOrders(long seed, int n) {
        RandomStreams epochs = new RandomStreams(seed).child("data/train/epoch");
        AtomicReference<EpochOrder> latest = new AtomicReference<>();
        return epoch -> {
            EpochOrder known = latest.get();
            if (known == null || known.epoch() != epoch) {
                known = new EpochOrder(epoch, permutation(epochs.stream(Long.toString(epoch)), n));
                latest.set(known);
            }
            return known.order();
        };
    }

    private record EpochOrder(long epoch, int[] order) {
    }

    /** A Fisher-Yates shuffle of 0 to n - 1: for k from n - 1 down to 1, swap entries k and U{0, ..., k}. */
    static int[] permutation(RandomGenerator random, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int swap = p[k];
            p[k] = p[j];
            p[j] = swap;
        }
        return p;
    }

    private Sample sample(Mnist.Digits d, int item, int[] pixelOrder) {
        double[][] x;
        if (mode.equals("row")) {
            x = new double[Mnist.SIDE][Mnist.SIDE];
            for (int r = 0; r < Mnist.SIDE; r++) {
                for (int c = 0; c < Mnist.SIDE; c++) {
                    x[r][c] = d.pixel(item, r * Mnist.SIDE + c);
                }
            }
        } else {
            x = new double[Mnist.PIXELS][1];
            for (int t = 0; t < Mnist.PIXELS; t++) {
                x[t][0] = d.pixel(item, pixelOrder == null ? t : pixelOrder[t]);
            }
        }
        return Sample.classification(x, d.label(item));
    }
}
