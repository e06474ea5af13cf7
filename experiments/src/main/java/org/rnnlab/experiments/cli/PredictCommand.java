package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.checkpoint.CorruptCheckpointException;
import org.rnnlab.checkpoint.ModelCheckpoint;
import org.rnnlab.experiments.io.Npy;
import org.rnnlab.experiments.io.NpyArray;
import org.rnnlab.experiments.io.NpyFormatException;
import org.rnnlab.model.Model;
import org.rnnlab.model.ReadAt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rnnlab predict}: a trained model's outputs for sequences in a {@code .npy} file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run a trained model (model.safetensors) on the sequences of a .npy file: inputs [N, T, F], or "
                + "[T, F] for one sequence.",
            "Outputs are the readout's raw values (logits for a cross-entropy model): [N, O] for a model read at the "
                + "last step, [N, T, O] for one read at every step (zero past a sequence's length). Written as '<f8' "
                + "to --output, or printed as CSV."})
final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    RnnlabCommand parent;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A checkpoint written by rnnlab train.")
    Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "FILE.npy", description = "Inputs [N, T, F] or [T, F].")
    Path inputFile;

    @Option(names = "--lengths", paramLabel = "FILE.npy", description = "Optional integer lengths [N], each in [1, T].")
    Path lengthsFile;

    @Option(names = "--output", paramLabel = "FILE.npy", description = "Write the outputs here instead of printing them.")
    Path outputFile;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
            description = "Sequences run at once (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws IOException {
        Cli cli = parent.cli;
        if (batchSize < 1) {
            throw new UsageException("--batch-size must be > 0, found " + batchSize);
        }
        Model model = loadModel(cli.workingDirectory.resolve(modelFile));
        NpyArray inputs = read(cli.workingDirectory.resolve(inputFile), inputFile);
        int features = model.spec().inputSize();
        if (inputs.dtype().isInteger() || (inputs.rank() != 3 && inputs.rank() != 2)) {
            throw new UsageException(inputFile + " must be floats of shape (N, T, F) or (T, F), found "
                    + inputs.dtype().descr() + " " + inputs.shapeText());
        }
        int n = inputs.rank() == 3 ? inputs.dim(0) : 1;
        int steps = inputs.dim(inputs.rank() - 2);
        if (inputs.dim(inputs.rank() - 1) != features || steps < 1 || n < 1) {
            throw new UsageException(inputFile + " has shape " + inputs.shapeText() + "; the model takes " + features
                    + (features == 1 ? " feature" : " features") + " per step and needs at least one sequence and step");
        }
        int[] lengths = lengthsFile == null ? null : lengths(cli.workingDirectory.resolve(lengthsFile), n, steps);
        int outputs = model.spec().outputSize();
        boolean every = model.spec().readAt() == ReadAt.EVERY;
        double[] result = new double[n * (every ? steps : 1) * outputs];
        double[] x = inputs.data();
        for (int first = 0; first < n; first += batchSize) {
            int size = Math.min(batchSize, n - first);
            DMatrixRMaj[] batch = new DMatrixRMaj[steps];
            for (int t = 0; t < steps; t++) {
                batch[t] = new DMatrixRMaj(size, features);
                for (int b = 0; b < size; b++) {
                    System.arraycopy(x, ((first + b) * steps + t) * features, batch[t].data, b * features, features);
                }
            }
            int[] batchLengths = lengths == null ? null : java.util.Arrays.copyOfRange(lengths, first, first + size);
            DMatrixRMaj[] y = model.predictAll(batch, batchLengths);
            for (int b = 0; b < size; b++) {
                for (int t = 0; t < y.length; t++) {
                    int offset = ((first + b) * y.length + t) * outputs;
                    System.arraycopy(y[t].data, b * outputs, result, offset, outputs);
                }
            }
        }
        int[] shape = every ? new int[] {n, steps, outputs} : new int[] {n, outputs};
        NpyArray out = NpyArray.of(shape, result);
        if (outputFile != null) {
            Npy.write(cli.workingDirectory.resolve(outputFile), out);
            cli.out.println("wrote " + outputFile + ": " + out.shapeText());
        } else {
            print(cli.out, out, every);
        }
        cli.out.flush();
        return Cli.OK;
    }

    private Model loadModel(Path file) throws IOException {
        try {
            return ModelCheckpoint.load(file, parent.cli.registries);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read model " + modelFile + ": no such file");
        } catch (CorruptCheckpointException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static NpyArray read(Path file, Path shown) throws IOException {
        try {
            return Npy.read(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + shown + ": no such file");
        } catch (NpyFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private int[] lengths(Path file, int n, int steps) throws IOException {
        NpyArray a = read(file, lengthsFile);
        if (!a.dtype().isInteger() || a.rank() != 1 || a.dim(0) != n) {
            throw new UsageException(lengthsFile + " must be whole numbers of shape (" + n + ",), found "
                    + a.dtype().descr() + " " + a.shapeText());
        }
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            double v = a.data()[i];
            if (v < 1 || v > steps) {
                throw new UsageException(lengthsFile + " holds " + (long) v + " at index " + i + "; lengths must be in [1, "
                        + steps + "]");
            }
            lengths[i] = (int) v;
        }
        return lengths;
    }

    private static void print(PrintWriter w, NpyArray out, boolean every) {
        int outputs = out.dim(out.rank() - 1);
        StringBuilder header = new StringBuilder(every ? "sequence,step" : "sequence");
        for (int o = 0; o < outputs; o++) {
            header.append(",y").append(o);
        }
        w.println(header);
        int steps = every ? out.dim(1) : 1;
        double[] d = out.data();
        for (int i = 0; i < out.dim(0); i++) {
            for (int t = 0; t < steps; t++) {
                StringBuilder row = new StringBuilder().append(i);
                if (every) {
                    row.append(',').append(t);
                }
                for (int o = 0; o < outputs; o++) {
                    row.append(',').append(String.format(Locale.ROOT, "%s", d[(i * steps + t) * outputs + o]));
                }
                w.println(row);
            }
        }
    }
}
