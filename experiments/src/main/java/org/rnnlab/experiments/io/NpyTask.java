package org.rnnlab.experiments.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Task;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;
import org.rnnlab.training.Split;
import org.rnnlab.training.Tally;

/**
 * {@code npy}: trains on a user's own arrays, saved with numpy's {@code np.save} in one directory.
 *
 * <table>
 *   <caption>Files of the directory</caption>
 *   <tr><th>file</th><th>dtype</th><th>shape</th><th>meaning</th></tr>
 *   <tr><td>{@code inputs.npy}</td><td>float</td><td>[N, T, F]</td><td>N sequences of T steps of F features</td></tr>
 *   <tr><td>{@code targets.npy}</td><td>float</td><td>[N] or [N, O]</td><td>regression (MSE) at each sequence's last step</td></tr>
 *   <tr><td></td><td>float</td><td>[N, T, O]</td><td>regression at every step</td></tr>
 *   <tr><td></td><td>integer</td><td>[N]</td><td>a class index per sequence (cross-entropy at the last step)</td></tr>
 *   <tr><td></td><td>integer</td><td>[N, T]</td><td>a class index per step, -1 for a step not scored</td></tr>
 *   <tr><td>{@code lengths.npy}</td><td>integer</td><td>[N]</td><td>optional: each sequence's length in [1, T]; steps past it are padding</td></tr>
 *   <tr><td>{@code test_inputs.npy}, {@code test_targets.npy}, {@code test_lengths.npy}</td><td></td><td></td>
 *       <td>optional held-out data in the same form; without them the last {@code testFraction} of the samples are held out</td></tr>
 * </table>
 *
 * <p>Floats are {@code '<f8'} or {@code '<f4'}, integers {@code '<i8'} or {@code '<i4'}. The number of
 * classes is the largest index plus one (at least 2). The baseline is the loss of the best constant
 * prediction on the training samples: the targets' variance for MSE, the entropy of the class
 * frequencies for cross-entropy. The metric: for classes, the share of wrong argmax answers; for
 * regression, the share of sequences whose squared error (summed over outputs) exceeds
 * {@code threshold} at its last step, or at any step for targets at every step.
 *
 * <p>Training samples are visited in a fresh random order every epoch, drawn from the stream
 * {@code data/npy/train/epoch<e>} of the run's seed; held-out samples in file order, so every
 * evaluation sees the same ones.
 *
 * <p>The directory is the parameter {@code path}, required: {@link #check} reads and checks every
 * file, reporting each problem with the spec path, and {@link #configure} reuses what it read. The
 * plugin at its defaults has no data, and asking it for sizes or data fails.
 */
public final class NpyTask extends AbstractPlugin<Task> implements Task {
    /** The name of the directory's key in a spec's task section. */
    public static final String PATH_KEY = "path";

    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofString(PATH_KEY, "",
                    "the directory holding inputs.npy, targets.npy and optionally lengths.npy and test_*.npy (required)"),
            ParamSpec.ofDouble("testFraction", 0.2, Range.closedOpen(0, 1),
                    "share of the samples held out, the last ones, when the directory has no test_inputs.npy"),
            ParamSpec.ofDouble("threshold", 0.04, Range.greaterThan(0),
                    "regression: an answer is wrong when its squared error, summed over outputs, exceeds this"),
            ParamSpec.ofDouble("solvedErrorRate", 0.01, Range.closed(0, 1),
                    "the held-out error rate at or below which the task counts as solved"));

    private final Data data;

    /** The plugin at its defaults, without data. */
    public NpyTask() {
        this(Params.of(PARAMETERS, Map.of()), null);
    }

    private NpyTask(Params params, Data data) {
        super("npy", "A user's arrays from .npy files: inputs [N, T, F], targets, optional lengths (set task.path)",
                PARAMETERS, params);
        this.data = data;
    }

    /** The last data read by {@link #check}, so {@link #configure} does not read the files twice. */
    private static final java.util.concurrent.atomic.AtomicReference<Map.Entry<Params, Data>> LAST_CHECKED =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public void check(Params params, String path, List<String> problems) {
        String dir = params.getString(PATH_KEY);
        String where = path + "." + PATH_KEY;
        if (dir.isEmpty()) {
            problems.add(where + " is required: the directory holding inputs.npy and targets.npy");
            return;
        }
        int before = problems.size();
        Data loaded = Data.load(Path.of(dir).toAbsolutePath().normalize(), params, where, problems);
        if (problems.size() == before) {
            LAST_CHECKED.set(Map.entry(params, loaded));
        }
    }

    /**
     * With a {@code path}, the task with that directory's data (read by {@link #check} just before,
     * or read now).
     *
     * @throws org.rnnlab.params.InvalidSpecException if the files have problems
     */
    @Override
    public Task configure(Params params) {
        if (params.getString(PATH_KEY).isEmpty()) {
            return new NpyTask(params, data);
        }
        Map.Entry<Params, Data> checked = LAST_CHECKED.get();
        if (checked != null && checked.getKey().equals(params)) {
            return new NpyTask(params, checked.getValue());
        }
        List<String> problems = new java.util.ArrayList<>();
        Data loaded = Data.load(Path.of(params.getString(PATH_KEY)).toAbsolutePath().normalize(), params,
                "npy." + PATH_KEY, problems);
        if (!problems.isEmpty()) {
            throw new org.rnnlab.params.InvalidSpecException(problems);
        }
        return new NpyTask(params, loaded);
    }

    /**
     * This task with the arrays of {@code directory}, checked in full: every problem is added to
     * {@code problems} with {@code where} in front, naming the file.
     *
     * @param where the spec path of the directory, {@code task.path}
     * @param problems Modified: problems are appended
     * @return the task with its data, or empty if there were problems
     */
    public Optional<NpyTask> load(Path directory, String where, List<String> problems) {
        int before = problems.size();
        Data loaded = Data.load(directory, params(), where, problems);
        return problems.size() == before ? Optional.of(new NpyTask(params(), loaded)) : Optional.empty();
    }

    /** The directory the data came from, or null for the plugin without data. */
    public Path directory() {
        return data == null ? null : data.directory;
    }

    private Data data() {
        if (data == null) {
            throw new IllegalStateException("The npy task has no data: a spec sets task.path to a directory holding "
                    + "inputs.npy and targets.npy");
        }
        return data;
    }

    @Override
    public int inputSize() {
        return data().features;
    }

    @Override
    public int outputSize() {
        return data().outputs;
    }

    @Override
    public Loss loss() {
        return data().classes ? Loss.CROSS_ENTROPY : Loss.MSE;
    }

    @Override
    public ReadAt readAt() {
        return data().everyStep ? ReadAt.EVERY : ReadAt.LAST;
    }

    @Override
    public double baselineLoss() {
        return data().baseline;
    }

    @Override
    public Metric metric() {
        Data d = data();
        double threshold = params().getDouble("threshold");
        if (d.classes) {
            return Metrics.classificationError();
        }
        return d.everyStep ? everyStepSquaredErrorAbove(threshold) : Metrics.squaredErrorAbove(threshold);
    }

    @Override
    public double solvedErrorRate() {
        return params().getDouble("solvedErrorRate");
    }

    /** The number of training and held-out sequences. */
    public int samples(Split split) {
        return (split == Split.TRAIN ? data().train : data().test).count;
    }

    @Override
    public DataSource data(long seed, Split split, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, found " + batchSize);
        }
        Data d = data();
        Part part = split == Split.TRAIN ? d.train : d.test;
        RandomStreams streams = new RandomStreams(seed).child("data/npy/" + split.word());
        boolean shuffle = split == Split.TRAIN;
        return new DataSource() {
            private long epoch = -1;
            private int[] order;

            @Override
            public synchronized Batch batch(long index) {
                int[] rows = new int[batchSize];
                for (int b = 0; b < batchSize; b++) {
                    long sample = index * batchSize + b;
                    int position = (int) (sample % part.count);
                    rows[b] = shuffle ? order(sample / part.count)[position] : position;
                }
                return d.batch(part, rows);
            }

            private int[] order(long e) {
                if (e != epoch) {
                    order = permutation(part.count, streams.stream("epoch" + e));
                    epoch = e;
                }
                return order;
            }
        };
    }

    private static int[] permutation(int n, RandomGenerator random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Regression at every step: a sequence is wrong if at any of its steps the squared error exceeds the threshold. */
    private static Metric everyStepSquaredErrorAbove(double threshold) {
        return new Metric() {
            @Override
            public String name() {
                return "squared_error_above_" + threshold + "_at_any_step";
            }

            @Override
            public Tally score(DMatrixRMaj[] predictions, Batch batch) {
                long wrong = 0;
                for (int b = 0; b < batch.size(); b++) {
                    for (int t = 0; t < batch.length(b); t++) {
                        double sum = 0;
                        for (int o = 0; o < predictions[t].numCols; o++) {
                            double e = predictions[t].get(b, o) - batch.targets()[t].get(b, o);
                            sum += e * e;
                        }
                        if (!(sum <= threshold)) {
                            wrong++;
                            break;
                        }
                    }
                }
                return new Tally(wrong, batch.size());
            }
        };
    }

    /** Rows [from, from + count) of a set of arrays. */
    private record Part(NpyArray inputs, NpyArray targets, int[] lengths, int from, int count) {
        int steps() {
            return inputs.dim(1);
        }

        int length(int row) {
            return lengths == null ? steps() : lengths[from + row];
        }
    }

    /** The loaded arrays, checked, and what follows from them. */
    private static final class Data {
        final Path directory;
        final Part train;
        final Part test;
        final int features;
        final boolean classes;
        final boolean everyStep;
        final int outputs;
        final double baseline;

        private Data(Path directory, Part train, Part test, boolean classes, boolean everyStep, int outputs) {
            this.directory = directory;
            this.train = train;
            this.test = test;
            this.features = train.inputs.dim(2);
            this.classes = classes;
            this.everyStep = everyStep;
            this.outputs = outputs;
            this.baseline = classes ? entropy(train, outputs) : variance(train);
        }

        static Data load(Path directory, Params params, String where, List<String> problems) {
            int before = problems.size();
            if (!Files.isDirectory(directory)) {
                problems.add(where + ": " + directory + " is not a directory; it must hold inputs.npy and targets.npy");
                return null;
            }
            boolean separateTest = Files.exists(directory.resolve("test_inputs.npy"));
            FileSet main = FileSet.load(directory, "", where, problems);
            FileSet held = separateTest ? FileSet.load(directory, "test_", where, problems) : null;
            if (problems.size() > before) {
                return null;
            }
            if (held != null) {
                if (held.features() != main.features()) {
                    problems.add(where + ": " + held.inputsFile + " has " + held.features() + " features per step but "
                            + main.inputsFile + " has " + main.features());
                }
                if (held.kind != main.kind || (main.kind.regression() && held.valueWidth() != main.valueWidth())) {
                    problems.add(where + ": " + held.targetsFile + " must have the dtype kind and shape of " + main.targetsFile
                            + " apart from N (and T), found " + held.describeTargets() + " and " + main.describeTargets());
                }
                if (problems.size() > before) {
                    return null;
                }
            }
            Part train;
            Part test;
            if (held != null) {
                train = main.part(0, main.samples());
                test = held.part(0, held.samples());
            } else {
                double fraction = params.getDouble("testFraction");
                int n = main.samples();
                int heldOut = (int) Math.round(n * fraction);
                if (fraction == 0) {
                    problems.add(where + ": the directory has no test_inputs.npy, so task.testFraction must be > 0, found 0");
                    return null;
                }
                if (heldOut == 0 || heldOut == n) {
                    problems.add(where + ": task.testFraction " + Params.show(fraction) + " of " + n + " samples holds out "
                            + heldOut + "; both parts need at least one sample (add test_inputs.npy or change testFraction)");
                    return null;
                }
                train = main.part(0, n - heldOut);
                test = main.part(n - heldOut, heldOut);
            }
            int outputs;
            if (main.kind.regression()) {
                outputs = main.valueWidth();
            } else {
                int max = Math.max(maxClass(train), maxClass(test));
                if (max < 1) {
                    problems.add(where + ": " + main.targetsFile + " must hold at least 2 classes (indices 0 and 1), found "
                            + (max < 0 ? "none" : "only class 0"));
                    return null;
                }
                outputs = max + 1;
            }
            return new Data(directory, train, test, !main.kind.regression(), main.kind.everyStep(), outputs);
        }

        Batch batch(Part part, int[] rows) {
            int size = rows.length;
            // Every batch has all T steps, so a sample's targets do not depend on the batch it is in.
            int steps = part.steps();
            int[] lengths = part.lengths == null ? null : new int[size];
            for (int b = 0; lengths != null && b < size; b++) {
                lengths[b] = part.length(rows[b]);
            }
            int totalSteps = steps;
            DMatrixRMaj[] inputs = new DMatrixRMaj[steps];
            double[] x = part.inputs.data();
            for (int t = 0; t < steps; t++) {
                inputs[t] = new DMatrixRMaj(size, features);
                for (int b = 0; b < size; b++) {
                    System.arraycopy(x, ((part.from + rows[b]) * totalSteps + t) * features, inputs[t].data, b * features,
                            features);
                }
            }
            double[] y = part.targets.data();
            if (classes) {
                int[][] c = new int[everyStep ? steps : 1][size];
                for (int b = 0; b < size; b++) {
                    int sample = part.from + rows[b];
                    for (int t = 0; t < c.length; t++) {
                        boolean scored = !everyStep || t < part.length(rows[b]);
                        c[t][b] = scored ? (int) y[everyStep ? sample * totalSteps + t : sample] : -1;
                    }
                }
                return Batch.classification(inputs, lengths, c);
            }
            DMatrixRMaj[] targets = new DMatrixRMaj[everyStep ? steps : 1];
            for (int t = 0; t < targets.length; t++) {
                targets[t] = new DMatrixRMaj(size, outputs);
                for (int b = 0; b < size; b++) {
                    int sample = part.from + rows[b];
                    int offset = (everyStep ? sample * totalSteps + t : sample) * outputs;
                    System.arraycopy(y, offset, targets[t].data, b * outputs, outputs);
                }
            }
            return Batch.regression(inputs, lengths, targets);
        }

        private static int maxClass(Part part) {
            int[] max = {-1};
            double[] y = part.targets.data();
            forEachScored(part, (row, index) -> max[0] = Math.max(max[0], (int) y[index]));
            return max[0];
        }

        /** Mean squared deviation from the per-output training mean over the scored targets. */
        private static double variance(Part part) {
            int width = part.targets.rank() == 1 ? 1 : part.targets.dim(part.targets.rank() - 1);
            double[] sum = new double[width];
            long[] count = {0};
            double[] y = part.targets.data();
            forEachScored(part, (row, index) -> {
                for (int o = 0; o < width; o++) {
                    sum[o] += y[index * width + o];
                }
                count[0]++;
            });
            double[] squares = {0};
            forEachScored(part, (row, index) -> {
                for (int o = 0; o < width; o++) {
                    double d = y[index * width + o] - sum[o] / count[0];
                    squares[0] += d * d;
                }
            });
            return squares[0] / (count[0] * (double) width);
        }

        /** The cross-entropy of predicting the training class frequencies. */
        private static double entropy(Part part, int classes) {
            long[] counts = new long[classes];
            long[] total = {0};
            double[] y = part.targets.data();
            forEachScored(part, (row, index) -> {
                int c = (int) y[index];
                if (c >= 0) {
                    counts[c]++;
                    total[0]++;
                }
            });
            double h = 0;
            for (long c : counts) {
                if (c > 0) {
                    double p = (double) c / total[0];
                    h -= p * Math.log(p);
                }
            }
            return h;
        }

        /** Calls {@code visit} with the flat target index (in units of one target) of every scored target. */
        private static void forEachScored(Part part, ScoredVisitor visit) {
            boolean perStep = part.targets.rank() == 3 || (part.targets.dtype().isInteger() && part.targets.rank() == 2);
            for (int r = 0; r < part.count; r++) {
                int sample = part.from + r;
                if (perStep) {
                    for (int t = 0; t < part.length(r); t++) {
                        visit.visit(r, sample * part.steps() + t);
                    }
                } else {
                    visit.visit(r, sample);
                }
            }
        }

        @FunctionalInterface
        private interface ScoredVisitor {
            void visit(int row, int index);
        }
    }

    /** The kinds of targets a directory may hold. */
    private enum TargetKind {
        LAST_VALUES, EVERY_VALUES, LAST_CLASS, EVERY_CLASS;

        boolean regression() {
            return this == LAST_VALUES || this == EVERY_VALUES;
        }

        boolean everyStep() {
            return this == EVERY_VALUES || this == EVERY_CLASS;
        }
    }

    /** One set of files (the main ones, or the test_ ones), read and checked. */
    private static final class FileSet {
        final Path inputsFile;
        final Path targetsFile;
        final NpyArray inputs;
        final NpyArray targets;
        final int[] lengths;
        final TargetKind kind;

        private FileSet(Path inputsFile, Path targetsFile, NpyArray inputs, NpyArray targets, int[] lengths, TargetKind kind) {
            this.inputsFile = inputsFile;
            this.targetsFile = targetsFile;
            this.inputs = inputs;
            this.targets = targets;
            this.lengths = lengths;
            this.kind = kind;
        }

        int samples() {
            return inputs.dim(0);
        }

        int features() {
            return inputs.dim(2);
        }

        /** Outputs per target for regression. */
        int valueWidth() {
            return targets.rank() == 1 ? 1 : targets.dim(targets.rank() - 1);
        }

        String describeTargets() {
            return targets.dtype().descr() + " " + targets.shapeText();
        }

        Part part(int from, int count) {
            return new Part(inputs, targets, lengths, from, count);
        }

        static FileSet load(Path directory, String prefix, String where, List<String> problems) {
            int before = problems.size();
            Path inputsFile = directory.resolve(prefix + "inputs.npy");
            Path targetsFile = directory.resolve(prefix + "targets.npy");
            Path lengthsFile = directory.resolve(prefix + "lengths.npy");
            NpyArray inputs = read(inputsFile, where, problems);
            NpyArray targets = read(targetsFile, where, problems);
            NpyArray lengthArray = Files.exists(lengthsFile) ? read(lengthsFile, where, problems) : null;
            if (problems.size() > before) {
                return null;
            }
            if (inputs.dtype().isInteger() || inputs.rank() != 3 || inputs.dim(0) < 1 || inputs.dim(1) < 1
                    || inputs.dim(2) < 1) {
                problems.add(where + ": " + inputsFile + " must be floats of shape (N, T, F), each at least 1, found "
                        + inputs.dtype().descr() + " " + inputs.shapeText());
                return null;
            }
            int n = inputs.dim(0);
            int steps = inputs.dim(1);
            TargetKind kind = kindOf(targets);
            if (kind == null) {
                problems.add(where + ": " + targetsFile + " must be floats of shape (N,), (N, O) or (N, T, O), or whole"
                        + " numbers of shape (N,) or (N, T), found " + targets.dtype().descr() + " " + targets.shapeText());
            } else {
                if (targets.dim(0) != n) {
                    problems.add(where + ": " + targetsFile + " has " + targets.dim(0) + " samples (first dimension) but "
                            + inputsFile + " has " + n);
                }
                if (kind.everyStep() && targets.dim(1) != steps) {
                    problems.add(where + ": " + targetsFile + " has " + targets.dim(1) + " steps (second dimension) but "
                            + inputsFile + " has " + steps);
                }
                if (kind.regression() && targets.rank() > 1 && targets.dim(targets.rank() - 1) < 1) {
                    problems.add(where + ": " + targetsFile + " must have at least one output, found "
                            + targets.shapeText());
                }
            }
            int[] lengths = null;
            if (lengthArray != null) {
                if (!lengthArray.dtype().isInteger() || lengthArray.rank() != 1 || lengthArray.dim(0) != n) {
                    problems.add(where + ": " + lengthsFile + " must be whole numbers of shape (" + n + ",), found "
                            + lengthArray.dtype().descr() + " " + lengthArray.shapeText());
                } else {
                    lengths = new int[n];
                    for (int i = 0; i < n; i++) {
                        double v = lengthArray.data()[i];
                        if (v < 1 || v > steps) {
                            problems.add(where + ": " + lengthsFile + " holds " + Params.show(v) + " at index " + i
                                    + "; lengths must be in [1, " + steps + "]");
                            break;
                        }
                        lengths[i] = (int) v;
                    }
                }
            }
            if (kind != null && !kind.regression() && problems.size() == before) {
                double[] y = targets.data();
                double lowest = kind.everyStep() ? -1 : 0;
                for (int i = 0; i < y.length; i++) {
                    boolean scored = !kind.everyStep() || lengths == null || i % steps < lengths[i / steps];
                    if (scored && (y[i] < lowest || y[i] >= Integer.MAX_VALUE)) {
                        problems.add(where + ": " + targetsFile + " holds " + Params.show(y[i]) + " at index " + i
                                + "; class indices must be >= " + Params.show(lowest)
                                + (kind.everyStep() ? " (-1 for a step not scored)" : ""));
                        break;
                    }
                }
            }
            if (problems.size() > before) {
                return null;
            }
            return new FileSet(inputsFile, targetsFile, inputs, targets, lengths, kind);
        }

        private static TargetKind kindOf(NpyArray targets) {
            boolean integer = targets.dtype().isInteger();
            return switch (targets.rank()) {
                case 1 -> integer ? TargetKind.LAST_CLASS : TargetKind.LAST_VALUES;
                case 2 -> integer ? TargetKind.EVERY_CLASS : TargetKind.LAST_VALUES;
                case 3 -> integer ? null : TargetKind.EVERY_VALUES;
                default -> null;
            };
        }

        private static NpyArray read(Path file, String where, List<String> problems) {
            try {
                return Npy.read(file);
            } catch (NoSuchFileException e) {
                problems.add(where + ": cannot read " + file + ": no such file");
            } catch (NpyFormatException e) {
                problems.add(where + ": " + e.getMessage());
            } catch (IOException e) {
                problems.add(where + ": cannot read " + file + ": " + e);
            }
            return null;
        }
    }
}
