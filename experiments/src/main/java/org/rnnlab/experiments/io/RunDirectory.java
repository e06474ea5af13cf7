package org.rnnlab.experiments.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rnnlab.checkpoint.ModelCheckpoint;
import org.rnnlab.model.Model;
import org.rnnlab.training.Evaluation;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.UpdateMetrics;

/**
 * The folder of one training run, and the listener that fills it.
 *
 * <ul>
 *   <li>{@value #SPEC}: the resolved spec, written when the run starts;
 *   <li>{@value #METRICS}: one row per recorded update, written as {@value #METRICS}{@value #PARTIAL}
 *       while the run goes on and renamed when it ends;
 *   <li>{@value #DIAGNOSTICS}: the gradient flow, written alongside by {@code DiagnosticsRecorder}, also
 *       under the {@value #PARTIAL} name until the run ends;
 *   <li>{@value #MODEL}: the trained model, written when the run ends;
 *   <li>{@value #SUMMARY}: how the run ended, written last.
 * </ul>
 *
 * <p>Every file appears atomically ({@link AtomicFiles}), so a run that was interrupted has no
 * {@value #SUMMARY}, its metrics under the {@value #PARTIAL} name, and no file that looks complete but
 * is not.
 *
 * <p>Rows of {@value #METRICS}: every {@code recordEvery}-th update, every evaluated update and the
 * last update, with the columns {@link #COLUMNS}; the {@code test_} columns are empty where the
 * update was not evaluated.
 */
public final class RunDirectory implements TrainingListener, AutoCloseable {
    public static final String SPEC = "spec.json";
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String MODEL = "model.safetensors";
    /** The gradient-flow record, written by {@code DiagnosticsRecorder} into the same folder. */
    public static final String DIAGNOSTICS = "diagnostics.jsonl";
    /** The ending of a file still being written. */
    public static final String PARTIAL = ".partial";

    /** The columns of {@value #METRICS}, in order. */
    public static final List<String> COLUMNS = List.of("update", "loss", "gradient_norm", "gradient_norm_after",
            "learning_rate", "clipped", "skipped", "constrained", "regularization", "seconds", "test_loss", "test_error_rate",
            "test_wrong", "test_total");

    private final Path directory;
    private final long recordEvery;
    private BufferedWriter metrics;
    private UpdateMetrics pending;
    private Evaluation pendingEvaluation;
    private boolean finished;

    private RunDirectory(Path directory, long recordEvery) {
        this.directory = directory;
        this.recordEvery = recordEvery;
    }

    /**
     * Creates the folder (and its parents) for a new run.
     *
     * @param recordEvery updates between two rows of {@value #METRICS}, >= 1
     * @throws IOException if it cannot be created, or it already holds a run's files
     */
    public static RunDirectory create(Path directory, long recordEvery) throws IOException {
        if (recordEvery < 1) {
            throw new IllegalArgumentException("recordEvery must be >= 1, found " + recordEvery);
        }
        java.util.Optional<String> existing = existingRunFile(directory);
        if (existing.isPresent()) {
            throw new IOException(directory + " already holds a run (" + existing.get() + "); choose another folder");
        }
        Files.createDirectories(directory);
        return new RunDirectory(directory, recordEvery);
    }

    /**
     * The first file of a run that {@code directory} already holds, if any: a finished run's files, or
     * the {@value #PARTIAL} ones an interrupted run leaves.
     */
    public static java.util.Optional<String> existingRunFile(Path directory) {
        for (String name : List.of(SPEC, METRICS, SUMMARY, MODEL, DIAGNOSTICS, METRICS + PARTIAL, DIAGNOSTICS + PARTIAL)) {
            if (Files.exists(directory.resolve(name))) {
                return java.util.Optional.of(name);
            }
        }
        return java.util.Optional.empty();
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@value #SPEC}. */
    public void writeSpec(String json) throws IOException {
        AtomicFiles.writeString(directory.resolve(SPEC), json);
    }

    /** Reads no gradient: the trainer need not keep every step's state gradient for it. */
    @Override
    public boolean readsStateGradients(long update) {
        return false;
    }

    @Override
    public void onUpdate(UpdateMetrics m) {
        flushPending(false);
        pending = m;
        pendingEvaluation = null;
    }

    @Override
    public void onEvaluation(Evaluation evaluation) {
        if (pending != null && pending.update() == evaluation.update()) {
            pendingEvaluation = evaluation;
        }
    }

    /** Writes the pending row if it is due (or if {@code last}). */
    private void flushPending(boolean last) {
        if (pending == null) {
            return;
        }
        boolean due = last || pendingEvaluation != null || pending.update() % recordEvery == 0;
        if (due) {
            try {
                row(pending, pendingEvaluation);
                if (pendingEvaluation != null || last) {
                    metrics.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + directory.resolve(METRICS + PARTIAL), e);
            }
        }
        pending = null;
        pendingEvaluation = null;
    }

    private void row(UpdateMetrics m, Evaluation e) throws IOException {
        if (metrics == null) {
            metrics = Files.newBufferedWriter(directory.resolve(METRICS + PARTIAL), StandardCharsets.UTF_8);
            metrics.write(String.join(",", COLUMNS));
            metrics.newLine();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(m.update()).append(',').append(m.loss()).append(',').append(m.gradientNormBefore()).append(',')
                .append(m.gradientNormAfter()).append(',').append(m.learningRate()).append(',').append(m.clipped())
                .append(',').append(m.skipped()).append(',').append(m.constrained()).append(',')
                .append(m.regularization()).append(',')
                .append(String.format(java.util.Locale.ROOT, "%.3f", m.seconds())).append(',');
        if (e != null) {
            sb.append(e.loss()).append(',').append(e.errorRate()).append(',').append(e.tally().wrong()).append(',')
                    .append(e.tally().total());
        } else {
            sb.append(",,,");
        }
        metrics.write(sb.toString());
        metrics.newLine();
    }

    /**
     * Ends the run: the last row, {@value #MODEL}, {@value #METRICS} under its own name, then
     * {@value #SUMMARY}.
     *
     * @param metadata provenance for the checkpoint's metadata
     */
    public void finish(Model model, Map<String, String> metadata, String summaryJson) throws IOException {
        flushPending(true);
        if (metrics == null) {
            row0();
        }
        metrics.close();
        ModelCheckpoint.save(model, directory.resolve(MODEL), metadata);
        AtomicFiles.move(directory.resolve(METRICS + PARTIAL), directory.resolve(METRICS));
        AtomicFiles.writeString(directory.resolve(SUMMARY), summaryJson);
        finished = true;
    }

    /** A run without a single update still gets a metrics file with its header. */
    private void row0() throws IOException {
        metrics = Files.newBufferedWriter(directory.resolve(METRICS + PARTIAL), StandardCharsets.UTF_8);
        metrics.write(String.join(",", COLUMNS));
        metrics.newLine();
    }

    /** Closes the metrics file if the run did not finish; it keeps its {@value #PARTIAL} name. */
    @Override
    public void close() throws IOException {
        if (!finished && metrics != null) {
            metrics.close();
        }
    }
}
