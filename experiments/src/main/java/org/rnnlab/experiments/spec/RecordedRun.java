package org.rnnlab.experiments.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.experiments.diagnostics.DiagnosticsRecorder;
import org.rnnlab.experiments.io.RunDirectory;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.training.Evaluation;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.TrainingResult;

/**
 * Runs an experiment into a folder ({@link RunDirectory}): {@code spec.json} (the resolved spec and
 * its provenance), {@code metrics.csv}, {@code diagnostics.jsonl} (unless {@code record.diagnosticsEvery}
 * is 0; {@link DiagnosticsRecorder}), {@code model.safetensors} and {@code summary.json}.
 *
 * <pre>{@code
 * ExperimentResult result = RecordedRun.train(experiment, Path.of("runs/irnn"), List.of());
 * }</pre>
 */
public final class RecordedRun {
    /** The random stream of the run's seed that estimated Jacobian norms draw their directions from. */
    public static final String DIAGNOSTICS_STREAM = "diagnostics";

    private RecordedRun() {
    }

    /**
     * Trains and records.
     *
     * @param directory the run's folder; created if missing, refused if it already holds a run
     * @param listeners more listeners (a progress display)
     * @throws IOException if a file cannot be written
     */
    public static ExperimentResult train(Experiment experiment, Path directory, List<TrainingListener> listeners)
            throws IOException {
        RecordSpec record = experiment.spec().record();
        try (RunDirectory run = RunDirectory.create(directory, record.every());
                DiagnosticsRecorder diagnostics = record.diagnosticsEvery() == 0 ? null
                        : new DiagnosticsRecorder(directory, record.diagnosticsEvery(), record.longTermShare(),
                                experiment.spec().truncation() != null,
                                new RandomStreams(experiment.spec().seed()).stream(DIAGNOSTICS_STREAM))) {
            run.writeSpec(SpecFiles.toJson(specWithProvenance(experiment, Instant.now())));
            ExperimentRunner runner = new ExperimentRunner(experiment).listener(run);
            if (diagnostics != null) {
                runner.listener(diagnostics);
            }
            listeners.forEach(runner::listener);
            ExperimentResult result = runner.run();
            if (diagnostics != null) {
                diagnostics.finish();
            }
            run.finish(result.model(), checkpointMetadata(result), SpecFiles.toJson(summary(result)));
            return result;
        }
    }

    /** The resolved spec with a {@code provenance} section: what ran, on what, from which seed. */
    public static Map<String, Object> specWithProvenance(Experiment experiment, Instant started) {
        Map<String, Object> tree = experiment.resolvedTree();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rnnlab", Version.get());
        p.put("java", System.getProperty("java.version"));
        p.put("started", started.toString());
        p.put("seed", experiment.spec().seed());
        p.put("randomStreams", "model initialization from streams init/... of the seed; the task's data from its "
                + "streams data/... of the same seed");
        ModelSpec m = experiment.modelSpec();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("inputSize", m.inputSize());
        model.put("outputSize", m.outputSize());
        model.put("loss", m.loss().specName());
        model.put("readAt", m.readAt().specName());
        p.put("model", model);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("baselineLoss", finite(experiment.task().baselineLoss()));
        task.put("metric", experiment.task().metric().name());
        task.put("solvedErrorRate", experiment.task().solvedErrorRate());
        p.put("task", task);
        tree.put(SpecSchema.PROVENANCE, p);
        return tree;
    }

    /** What {@code summary.json} holds. */
    public static Map<String, Object> summary(ExperimentResult result) {
        TrainingResult r = result.training();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().word());
        m.put("updates", r.updates());
        m.put("skippedUpdates", r.skippedUpdates());
        m.put("seconds", finite(r.seconds()));
        m.put("finalLoss", finite(r.finalLoss()));
        Evaluation e = r.lastEvaluation();
        if (e == null) {
            m.put("evaluation", null);
        } else {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("update", e.update());
            ev.put("loss", finite(e.loss()));
            ev.put("metric", e.metric());
            ev.put("errorRate", e.errorRate());
            ev.put("wrong", e.tally().wrong());
            ev.put("total", e.tally().total());
            m.put("evaluation", ev);
        }
        m.put("baselineLoss", finite(result.experiment().task().baselineLoss()));
        m.put("lossToBaseline", finite(result.lossToBaseline()));
        m.put("solvedErrorRate", result.experiment().task().solvedErrorRate());
        m.put("message", r.message());
        return m;
    }

    /** Provenance in the checkpoint: version, seed, status and the resolved spec. */
    public static Map<String, String> checkpointMetadata(ExperimentResult result) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rnnlab.version", Version.get());
        m.put("rnnlab.seed", Long.toString(result.experiment().spec().seed()));
        m.put("rnnlab.status", result.training().status().word());
        m.put("rnnlab.experiment", SpecFiles.toJson(result.experiment().resolvedTree()).strip());
        return m;
    }

    /** JSON has no NaN or infinity: such values are written as null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
