package org.rnnlab.experiments.diagnostics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.experiments.io.AtomicFiles;
import org.rnnlab.experiments.io.RunDirectory;
import org.rnnlab.model.Bptt;
import org.rnnlab.spi.Parameter;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.UpdateMetrics;

/**
 * Records the gradient's flow through time every few updates into {@value #FILE}, one JSON object
 * a line, written as {@value #FILE}{@value #PARTIAL} while the run goes on and renamed by
 * {@link #finish()} (as {@code metrics.csv} is), so an interrupted run leaves no file that looks
 * complete.
 *
 * <p>A line, for update u (recorded when u = 1 or u is a multiple of {@code every}):
 * <ul>
 *   <li>{@code update}, {@code loss} (of the batch before the update), {@code steps} (T of the batch);
 *   <li>{@code flow}: per layer, {@code norms}[t] = ||dL/dh_t||_F for t = 0..T (T + 1 numbers), from
 *       {@link Diagnostics#gradientFlow};
 *   <li>{@code jacobians}: per layer, the norms of dh_T/dh_{T-lag} for sequence 0 of the batch,
 *       {@code spectral} and {@code frobenius} for lag = 0..T ({@link Diagnostics#jacobianNorms},
 *       its random directions from the run's stream {@code diagnostics}); {@code []} under truncated
 *       BPTT, whose buffers hold one segment;
 *   <li>{@code longTermShare}: the recurrent gradient's share from lags above T/10 and T/2, or null
 *       when turned off ({@link Diagnostics#longTermShare});
 *   <li>{@code spectra}: spectral radius and largest singular value of every recurrent matrix or gate
 *       block ({@link Diagnostics#recurrentSpectra}), before the update;
 *   <li>{@code gradientNormBefore} and {@code gradientNormAfter} the transforms, {@code clipped}
 *       (whether a transform changed the gradients this update), {@code clippedSoFar} (in how many
 *       updates so far, this one included), {@code skipped}, {@code learningRate};
 *   <li>{@code nominalStep} = learning rate × gradientNormAfter, the step plain SGD takes, and
 *       {@code parameterChange} = ||θ after − θ before||, the norm of the actual change of every
 *       parameter (optimizer step and constraints), measured from a copy taken on recorded updates only.
 * </ul>
 *
 * <p>Recording does not change training: core's measurements put the gradients back bit for bit
 * and this listener only reads the model.
 */
public final class DiagnosticsRecorder implements TrainingListener, AutoCloseable {
    public static final String FILE = RunDirectory.DIAGNOSTICS;
    public static final String PARTIAL = RunDirectory.PARTIAL;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final long every;
    private final boolean longTermShare;
    private final boolean truncated;
    private final RandomGenerator random;
    private BufferedWriter out;
    private long clippedSoFar;
    private Map<String, Object> pending;
    private double[][] before;
    private List<Parameter> parameters;
    private boolean finished;

    /**
     * @param directory the run's folder
     * @param every updates between lines, >= 1
     * @param longTermShare whether to split the recurrent gradient by lag
     * @param truncated whether training uses truncated BPTT (no Jacobians then)
     * @param random the directions of estimated Jacobian norms
     */
    public DiagnosticsRecorder(Path directory, long every, boolean longTermShare, boolean truncated,
            RandomGenerator random) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, found " + every);
        }
        this.directory = directory;
        this.every = every;
        this.longTermShare = longTermShare;
        this.truncated = truncated;
        this.random = random;
    }

    private boolean due(long update) {
        return update == 1 || update % every == 0;
    }

    /** The state gradients are read at the updates a record is due, only. */
    @Override
    public boolean readsStateGradients(long update) {
        return due(update);
    }

    @Override
    public void onGradients(long update, Bptt bptt) {
        if (!due(update)) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("update", update);
        m.put("steps", bptt.batch().steps());
        m.put("flow", DiagnosticsLines.flow(Diagnostics.gradientFlow(bptt)));
        List<Object> jacobians = new java.util.ArrayList<>();
        if (!truncated) {
            for (int layer = 0; layer < bptt.model().cells().size(); layer++) {
                jacobians.add(DiagnosticsLines.jacobian(Diagnostics.jacobianNorms(bptt, layer, 0, random)));
            }
        }
        m.put("jacobians", jacobians);
        m.put("longTermShare", longTermShare
                ? DiagnosticsLines.longTermShare(Diagnostics.longTermShare(bptt, thresholds(bptt.batch().steps())))
                : null);
        m.put("spectra", DiagnosticsLines.spectra(Diagnostics.recurrentSpectra(bptt.model())));
        pending = m;
        parameters = bptt.model().parameters();
        before = new double[parameters.size()][];
        for (int i = 0; i < before.length; i++) {
            Parameter p = parameters.get(i);
            before[i] = java.util.Arrays.copyOf(p.value().data, p.size());
        }
    }

    /** Lags T/10 and T/2 (rounded down), the long-term thresholds of a line. */
    public static int[] thresholds(int steps) {
        return java.util.stream.IntStream.of(steps / 10, steps / 2).distinct().toArray();
    }

    @Override
    public void onUpdate(UpdateMetrics metrics) {
        if (metrics.clipped()) {
            clippedSoFar++;
        }
        if (pending == null || metrics.update() != (long) pending.get("update")) {
            pending = null;
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("update", metrics.update());
        m.put("loss", DiagnosticsLines.finite(metrics.loss()));
        pending.remove("update");
        m.putAll(pending);
        m.put("gradientNormBefore", DiagnosticsLines.finite(metrics.gradientNormBefore()));
        m.put("gradientNormAfter", DiagnosticsLines.finite(metrics.gradientNormAfter()));
        m.put("clipped", metrics.clipped());
        m.put("clippedSoFar", clippedSoFar);
        m.put("skipped", metrics.skipped());
        m.put("learningRate", metrics.learningRate());
        m.put("nominalStep", DiagnosticsLines.finite(metrics.learningRate() * metrics.gradientNormAfter()));
        m.put("parameterChange", DiagnosticsLines.finite(parameterChange()));
        pending = null;
        before = null;
        write(m);
    }

    private double parameterChange() {
        double scale = 0;
        double sum = 1;
        // A scaled sum of squares, as BLAS's dnrm2, so that a huge step cannot overflow.
        for (int i = 0; i < before.length; i++) {
            double[] now = parameters.get(i).value().data;
            for (int k = 0; k < before[i].length; k++) {
                double d = Math.abs(now[k] - before[i][k]);
                if (d == 0) {
                    continue;
                }
                if (!Double.isFinite(d)) {
                    return d;
                }
                if (scale < d) {
                    sum = 1 + sum * (scale / d) * (scale / d);
                    scale = d;
                } else {
                    sum += (d / scale) * (d / scale);
                }
            }
        }
        return scale * Math.sqrt(sum);
    }

    private void write(Map<String, Object> line) {
        Path file = directory.resolve(FILE + PARTIAL);
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            out.write(JSON.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain values always serializes", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Closes {@value #FILE}{@value #PARTIAL} and renames it {@value #FILE}; an empty file if nothing was recorded. */
    public void finish() throws IOException {
        if (out == null) {
            out = Files.newBufferedWriter(directory.resolve(FILE + PARTIAL), StandardCharsets.UTF_8);
        }
        out.close();
        AtomicFiles.move(directory.resolve(FILE + PARTIAL), directory.resolve(FILE));
        finished = true;
    }

    /** Closes the file if the run did not finish; it keeps its {@value #PARTIAL} name. */
    @Override
    public void close() throws IOException {
        if (!finished && out != null) {
            out.close();
        }
    }
}
