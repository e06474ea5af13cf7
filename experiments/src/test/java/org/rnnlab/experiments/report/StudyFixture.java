package org.rnnlab.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.experiments.spec.Experiment;
import org.rnnlab.experiments.spec.RecordedRun;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.spec.SpecOverride;
import org.rnnlab.registry.Registries;

/**
 * A study folder as docs/studies.md fixes it, written by the test itself: real run folders from
 * {@link RecordedRun#train} of tiny experiments (adding with T of 10 and 12, 4 hidden units, a few dozen
 * updates), plus the study.json, journal.jsonl, results.csv and summary.csv the study runner would
 * write. It stands in for the runner, which another part of rnnlab provides.
 *
 * <p>{@code main(DIR, demo|lengths)} writes a larger folder for looking at a report by eye.
 */
public final class StudyFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A grid point: its variant and axis values (with x), as study.json's runs hold them. */
    public record Point(String variant, Map<String, Object> values) {
    }

    /** A study to write. */
    public record Study(String name, String description, Map<String, Object> source, List<String> axes, String x,
            List<Point> points, List<Long> seeds, Map<String, Object> base) {
    }

    private StudyFixture() {
    }

    public static Map<String, Object> base(int updates, int diagnosticsEvery) {
        return SpecFiles.parse("""
                {"task": {"name": "adding", "length": 10},
                 "model": {"layers": [{"cell": "rnn", "hiddenSize": 4}]},
                 "optimizer": {"name": "adam", "lr": 0.02},
                 "budget": {"updates": %d},
                 "evaluation": {"every": 10, "batches": 1, "batchSize": 20},
                 "record": {"every": 10, "diagnosticsEvery": %d}}
                """.formatted(updates, diagnosticsEvery), false) instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    public static Map<String, Object> values(Object... pathsAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            m.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return m;
    }

    /** Two configurations of an Elman network against task.length 10 and 12, two seeds: 8 runs. */
    public static Study small() {
        List<Point> points = new ArrayList<>();
        for (String activation : List.of("tanh", "relu")) {
            for (int length : List.of(10, 12)) {
                points.add(new Point("elman", values("model.layers[0].options.activation", activation, "task.length", length)));
            }
        }
        return new Study("tiny-adding", "Two activations of a 4-unit Elman network on the adding problem.",
                values("citation", "Le, Jaitly, Hinton 2015, A Simple Way to Initialize Recurrent Networks of Rectified "
                        + "Linear Units", "published", "IRNNs solve adding with T = 150; tanh RNNs do not."),
                List.of("model.layers[0].options.activation", "task.length"), "task.length", points, List.of(1L, 2L),
                base(30, 10));
    }

    /** Two configurations, one seed, no x axis and no diagnostics: 2 runs. */
    public static Study withoutDiagnostics() {
        List<Point> points = List.of(new Point("", values("model.layers[0].options.activation", "tanh")),
                new Point("", values("model.layers[0].options.activation", "relu")));
        return new Study("no-diagnostics", "Two activations, diagnostics off.", null,
                List.of("model.layers[0].options.activation"), null, points, List.of(1L), base(20, 0));
    }

    /**
     * Writes the study into {@code dir}: runs/NNNN/ by {@link RecordedRun#train}, then study.json,
     * journal.jsonl, results.csv and summary.csv from the runs' summary.json.
     */
    public static void write(Path dir, Study study) throws IOException {
        Files.createDirectories(dir);
        Registries registries = Registries.standard();
        List<Map<String, Object>> runs = new ArrayList<>();
        List<String> results = new ArrayList<>();
        List<String> journal = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run", "variant"));
        header.addAll(study.axes());
        header.addAll(List.of("seed", "status", "updates", "updates_to_solve", "final_loss", "test_loss",
                "test_error_rate", "baseline_loss", "loss_to_baseline", "message", "wall_seconds"));
        results.add(String.join(",", header));
        Map<String, int[]> solvedByPoint = new LinkedHashMap<>();
        Map<String, List<String>> pointRows = new LinkedHashMap<>();
        int n = 0;
        for (Point p : study.points()) {
            for (long seed : study.seeds()) {
                String id = String.format("%04d", n++);
                Map<String, Object> tree = cast(JSON.readValue(JSON.writeValueAsString(study.base()), Map.class));
                tree.put("seed", seed);
                List<SpecOverride> overrides = new ArrayList<>();
                p.values().forEach((path, v) -> overrides.add(new SpecOverride(path + "=" + v, path, v)));
                Experiment e = SpecFiles.resolve(tree, overrides, registries);
                RecordedRun.train(e, dir.resolve("runs").resolve(id), List.of());
                Map<?, ?> summary = JSON.readValue(dir.resolve("runs").resolve(id).resolve("summary.json").toFile(), Map.class);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("id", id);
                run.put("variant", p.variant());
                run.put("values", p.values());
                run.put("seed", seed);
                runs.add(run);
                List<String> row = new ArrayList<>(List.of(id, p.variant()));
                for (String axis : study.axes()) {
                    Object v = p.values().get(axis);
                    row.add(v == null ? "" : v instanceof String || v instanceof Number ? v.toString()
                            : JSON.writeValueAsString(v));
                }
                String status = (String) summary.get("status");
                Map<?, ?> ev = (Map<?, ?>) summary.get("evaluation");
                row.addAll(List.of(Long.toString(seed), status, summary.get("updates").toString(),
                        status.equals("solved") ? summary.get("updates").toString() : "", text(summary.get("finalLoss")),
                        ev == null ? "" : text(ev.get("loss")), ev == null ? "" : text(ev.get("errorRate")),
                        text(summary.get("baselineLoss")), text(summary.get("lossToBaseline")),
                        (String) summary.get("message"), "0.5"));
                String line = String.join(",", row.stream().map(StudyFixture::csv).toList());
                results.add(line);
                journal.add(JSON.writeValueAsString(Map.of("run", id, "row", line)));
                String key = p.variant() + p.values();
                solvedByPoint.computeIfAbsent(key, k -> new int[2])[0] += status.equals("solved") ? 1 : 0;
                solvedByPoint.get(key)[1]++;
                pointRows.computeIfAbsent(key, k -> new ArrayList<>(row.subList(1, 2 + study.axes().size())));
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("study", study.name());
        spec.put("description", study.description());
        if (study.source() != null) {
            spec.put("source", study.source());
        }
        spec.put("base", study.base());
        spec.put("seeds", study.seeds());
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rnnlab", "0.1.0-SNAPSHOT");
        file.put("sha256", "0".repeat(64));
        file.put("spec", spec);
        file.put("scale", null);
        file.put("axes", study.axes());
        file.put("x", study.x());
        file.put("runs", runs);
        Files.writeString(dir.resolve("study.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file));
        Files.writeString(dir.resolve("journal.jsonl"), String.join("\n", journal) + "\n");
        Files.writeString(dir.resolve("results.csv"), String.join("\n", results) + "\n");
        List<String> summary = new ArrayList<>();
        List<String> summaryHeader = new ArrayList<>(List.of("variant"));
        summaryHeader.addAll(study.axes());
        summaryHeader.addAll(List.of("runs", "solved", "success_rate", "success_low", "success_high",
                "median_updates_to_solve", "median_final_loss"));
        summary.add(String.join(",", summaryHeader));
        for (Map.Entry<String, int[]> e : solvedByPoint.entrySet()) {
            Stats.Rate r = Stats.wilson(e.getValue()[0], e.getValue()[1]);
            List<String> row = new ArrayList<>(pointRows.get(e.getKey()));
            row.addAll(List.of(Integer.toString(r.trials()), Integer.toString(r.successes()), Double.toString(r.rate()),
                    Double.toString(r.low()), Double.toString(r.high()), "", ""));
            summary.add(String.join(",", row.stream().map(StudyFixture::csv).toList()));
        }
        Files.writeString(dir.resolve("summary.csv"), String.join("\n", summary) + "\n");
    }

    private static String text(Object number) {
        return number == null ? "" : number.toString();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
    static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /** {@code main DIR demo}: 21 configurations at one length; {@code main DIR lengths}: 6 configurations, 3 lengths. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Point> points = new ArrayList<>();
        List<Object> clip = List.of(Map.of("name", "clip_global_norm", "threshold", 1.0));
        if (args[1].equals("demo")) {
            for (String activation : List.of("sigmoid", "tanh", "relu")) {
                for (String init : List.of("normal", "orthogonal", "identity")) {
                    for (Object transforms : List.of(List.of(), clip)) {
                        points.add(new Point("elman", values("model.layers[0].options.activation", activation,
                                "model.layers[0].init.recurrent", init, "transforms", transforms, "task.length", 10)));
                    }
                }
            }
            for (String cell : List.of("lstm", "gru", "ugrnn")) {
                points.add(new Point("gated", values("model.layers[0].cell", cell, "task.length", 10)));
            }
            write(dir, new Study("trainability-tour", "Which remedies let a small recurrent network learn the adding "
                    + "problem: the activation, the recurrent initialization, gradient clipping, or a gated cell.",
                    values("citation", "Le, Jaitly, Hinton 2015, A Simple Way to Initialize Recurrent Networks of "
                            + "Rectified Linear Units", "published", "On adding with T = 150, the IRNN (ReLU, identity "
                            + "initialization) reaches near-zero test MSE, like the LSTM; tanh RNNs stay at the baseline."),
                    List.of("model.layers[0].options.activation", "model.layers[0].init.recurrent", "transforms",
                            "model.layers[0].cell", "task.length"),
                    "task.length", points, List.of(1L, 2L, 3L), base(200, 50)));
        } else {
            for (String activation : List.of("tanh", "relu")) {
                for (String init : List.of("normal", "orthogonal", "identity")) {
                    for (int length : List.of(10, 20, 40)) {
                        points.add(new Point("elman", values("model.layers[0].options.activation", activation,
                                "model.layers[0].init.recurrent", init, "task.length", length)));
                    }
                }
            }
            write(dir, new Study("lengths", "Elman networks on adding at three lengths.", null,
                    List.of("model.layers[0].options.activation", "model.layers[0].init.recurrent", "task.length"),
                    "task.length", points, List.of(1L, 2L, 3L), base(200, 50)));
        }
    }
}
