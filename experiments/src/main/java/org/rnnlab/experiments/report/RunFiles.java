package org.rnnlab.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.experiments.io.RunDirectory;

/**
 * What the figures need from one run's folder: its held-out loss curve from {@code metrics.csv} and
 * ||dL/dh_t|| of layer 0 from the first and last lines of {@code diagnostics.jsonl}. A run folder that
 * lacks a file or holds one that cannot be read is not fatal to the report: the reason is kept and
 * shown.
 */
final class RunFiles {
    static final String DIAGNOSTICS = "diagnostics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFiles() {
    }

    /** A result or the reason there is none. */
    record Read<T>(T value, String problem) {
        static <T> Read<T> of(T value) {
            return new Read<>(value, null);
        }

        static <T> Read<T> missing(String problem) {
            return new Read<>(null, problem);
        }
    }

    /** The update and t = 0..T norms of the first and last diagnostics records. */
    record Flow(long firstUpdate, double[] first, long lastUpdate, double[] last) {
    }

    /**
     * Held-out loss divided by {@code baseline} at every evaluated update (the rows whose
     * {@code test_loss} is not empty).
     */
    static Read<LearningCurves.Curve> heldOutCurve(Path run, double baseline) {
        Path file = run.resolve(RunDirectory.METRICS);
        Csv csv;
        try {
            csv = Csv.read(file, file.toString(), "");
            csv.require(List.of("update", "test_loss"));
        } catch (IOException e) {
            return Read.missing(e.getMessage());
        }
        List<double[]> points = new ArrayList<>();
        try {
            for (Csv.Row row : csv.rows()) {
                double loss = csv.number(row, "test_loss", true);
                if (row.get("test_loss").isBlank()) {
                    continue;
                }
                points.add(new double[] {csv.number(row, "update", false), loss / baseline});
            }
        } catch (StudyFileException e) {
            return Read.missing(e.getMessage());
        }
        if (points.isEmpty()) {
            return Read.missing(file + " has no evaluated update (every test_loss is empty)");
        }
        return Read.of(new LearningCurves.Curve(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray()));
    }

    /** Layer 0's ||dL/dh_t|| at the first and the last record of {@code diagnostics.jsonl}. */
    static Read<Flow> flow(Path run) {
        Path file = run.resolve(DIAGNOSTICS);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return Read.missing("no " + DIAGNOSTICS + " (recorded with record.diagnosticsEvery > 0)");
        } catch (IOException e) {
            return Read.missing(file + " cannot be read: " + e.getMessage());
        }
        List<String> records = lines.stream().filter(l -> !l.isBlank()).toList();
        if (records.isEmpty()) {
            return Read.missing(file + " is empty");
        }
        try {
            JsonNode first = JSON.readTree(records.get(0));
            JsonNode last = JSON.readTree(records.get(records.size() - 1));
            return Read.of(new Flow(first.path("update").asLong(), norms(first), last.path("update").asLong(),
                    norms(last)));
        } catch (IOException e) {
            return Read.missing(file + " holds a line that is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static double[] norms(JsonNode record) {
        JsonNode norms = record.path("flow").path(0).path("norms");
        double[] out = new double[norms.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = norms.path(i).isNumber() ? norms.path(i).asDouble() : Double.NaN;
        }
        return out;
    }

    /** {@code provenance.started} of the run's spec.json, or null. */
    static String started(Path run) {
        try {
            JsonNode spec = JSON.readTree(Files.readString(run.resolve(RunDirectory.SPEC)));
            JsonNode s = spec.path("provenance").path("started");
            return s.isTextual() ? s.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
