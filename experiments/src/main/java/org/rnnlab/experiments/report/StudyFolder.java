package org.rnnlab.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a study folder's files say (docs/studies.md): {@code study.json} (the spec after the scale, the
 * axes, the x axis and the planned runs) and {@code results.csv} (one row per finished run). The runs'
 * own folders are read when the figures need them ({@link RunFiles}).
 */
final class StudyFolder {
    static final String STUDY = "study.json";
    static final String RESULTS = "results.csv";
    static final String RUNS = "runs";
    static final Set<String> STATUSES = Set.of("solved", "budget", "diverged", "failed");
    /** The columns of results.csv the report reads; the axis columns come on top. */
    static final List<String> RESULT_COLUMNS = List.of("run", "variant", "seed", "status", "updates", "updates_to_solve",
            "final_loss", "test_loss", "test_error_rate", "baseline_loss", "loss_to_baseline", "message", "wall_seconds");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run as study.json plans it. */
    record PlannedRun(String id, String variant, Map<String, JsonNode> values, long seed) {
    }

    /** A finished run as results.csv reports it; NaN where a field is empty. */
    record RunResult(String id, String status, double updates, double updatesToSolve, double finalLoss,
            double testLoss, double testErrorRate, double baselineLoss, double lossToBaseline, String message,
            double wallSeconds, Csv.Row row) {
        boolean solved() {
            return status.equals("solved");
        }
    }

    final Path directory;
    final JsonNode study;
    final JsonNode spec;
    final List<String> axes;
    /** The axis of "success rate against ...", or null. */
    final String x;
    final List<PlannedRun> planned;
    final Map<String, PlannedRun> plannedById;
    final Csv results;
    final Map<String, RunResult> resultsById;

    private StudyFolder(Path directory, JsonNode study, List<String> axes, String x, List<PlannedRun> planned,
            Csv results, Map<String, RunResult> resultsById) {
        this.directory = directory;
        this.study = study;
        this.spec = study.path("spec");
        this.axes = axes;
        this.x = x;
        this.planned = planned;
        this.plannedById = new LinkedHashMap<>();
        planned.forEach(r -> plannedById.put(r.id(), r));
        this.results = results;
        this.resultsById = resultsById;
    }

    /** Reads and checks study.json and results.csv. */
    static StudyFolder read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new StudyFileException(directory + " is not a study folder: no such folder");
        }
        Path studyFile = directory.resolve(STUDY);
        String text;
        try {
            text = Files.readString(studyFile);
        } catch (NoSuchFileException e) {
            throw new StudyFileException(directory + " is not a study folder: found no " + STUDY
                    + ", expected the folder that 'rnnlab study' writes (study.json, results.csv, runs/)");
        }
        JsonNode study;
        try {
            study = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message ends with where the parse started, which the line and column already say.
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\(for [^(]*\\[Source:.*$", "");
            throw new StudyFileException(studyFile + " line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": found text that is not JSON (" + reason
                    + "), expected the JSON object 'rnnlab study' writes");
        }
        if (study == null || !study.isObject()) {
            throw new StudyFileException(studyFile + ": found " + kind(study) + ", expected a JSON object");
        }
        need(studyFile, study, "spec", JsonNode::isObject, "an object");
        need(studyFile, study, "axes", JsonNode::isArray, "a list of axis paths");
        need(studyFile, study, "runs", JsonNode::isArray, "a list of runs");
        List<String> axes = new ArrayList<>();
        study.get("axes").forEach(a -> axes.add(a.asText()));
        JsonNode xNode = study.path("x");
        String x = xNode.isTextual() ? xNode.asText() : null;
        List<PlannedRun> planned = new ArrayList<>();
        int i = 0;
        for (JsonNode r : study.get("runs")) {
            if (!r.path("id").isTextual() || !r.path("seed").isIntegralNumber()) {
                throw new StudyFileException(studyFile + ": runs[" + i + "]: found " + r
                        + ", expected {\"id\": \"0000\", \"variant\": ..., \"values\": {...}, \"seed\": N}");
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            r.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
            planned.add(new PlannedRun(r.get("id").asText(), r.path("variant").isTextual() ? r.get("variant").asText() : "",
                    values, r.get("seed").asLong()));
            i++;
        }
        Csv results = Csv.read(directory.resolve(RESULTS), directory.resolve(RESULTS).toString(),
                "; expected the table 'rnnlab study' writes when the study ends (an interrupted study "
                        + "finishes with 'rnnlab study SPEC --out " + directory + " --resume')");
        results.require(RESULT_COLUMNS);
        Map<String, PlannedRun> byId = new LinkedHashMap<>();
        planned.forEach(r -> byId.put(r.id(), r));
        Map<String, RunResult> resultsById = new LinkedHashMap<>();
        for (Csv.Row row : results.rows()) {
            String id = row.get("run");
            if (!byId.containsKey(id)) {
                throw new StudyFileException(results.shownName() + " line " + row.line() + ", column run: found '" + id
                        + "', expected a run id listed in " + STUDY + " (" + idRange(planned) + ")");
            }
            if (resultsById.containsKey(id)) {
                throw new StudyFileException(results.shownName() + " line " + row.line() + ", column run: found '" + id
                        + "' a second time, expected each run once");
            }
            String status = row.get("status");
            if (!STATUSES.contains(status)) {
                throw new StudyFileException(results.shownName() + " line " + row.line() + ", column status: found '"
                        + status + "', expected one of budget, diverged, failed, solved");
            }
            resultsById.put(id, new RunResult(id, status, results.number(row, "updates", false),
                    results.number(row, "updates_to_solve", true), results.number(row, "final_loss", true),
                    results.number(row, "test_loss", true), results.number(row, "test_error_rate", true),
                    results.number(row, "baseline_loss", true), results.number(row, "loss_to_baseline", true),
                    row.get("message"), results.number(row, "wall_seconds", true), row));
        }
        return new StudyFolder(directory, study, List.copyOf(axes), x, List.copyOf(planned), results, resultsById);
    }

    private static String idRange(List<PlannedRun> planned) {
        if (planned.isEmpty()) {
            return "none";
        }
        return planned.get(0).id() + ".." + planned.get(planned.size() - 1).id();
    }

    private static void need(Path file, JsonNode study, String field, java.util.function.Predicate<JsonNode> ok,
            String expected) throws StudyFileException {
        JsonNode v = study.get(field);
        if (v == null || !ok.test(v)) {
            throw new StudyFileException(file + ": field '" + field + "': found " + kind(v) + ", expected " + expected);
        }
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        return v.isObject() ? "an object" : v.isArray() ? "a list" : v.isTextual() ? "text" : v.isNumber() ? "a number"
                : v.isBoolean() ? "a boolean" : "something else";
    }

    /** A run's own folder. */
    Path runDirectory(String id) {
        return directory.resolve(RUNS).resolve(id);
    }

    /** The text of a string field of the study spec, or "". */
    String specText(String field) {
        JsonNode n = spec.path(field);
        return n.isValueNode() && !n.isNull() ? n.asText() : "";
    }
}
