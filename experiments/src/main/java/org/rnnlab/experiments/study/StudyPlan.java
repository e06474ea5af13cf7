package org.rnnlab.experiments.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.experiments.io.AtomicFiles;
import org.rnnlab.experiments.spec.SpecFiles;

/**
 * What {@code study.json} holds: the study spec after the scale, the runs, and a SHA-256 of both that
 * tells a resumed study whether it is still the same study.
 *
 * @param rnnlab the version that wrote it
 * @param sha256 hex SHA-256 of the canonical JSON of {@code {"spec": spec, "runs": runs}}
 * @param spec the study spec after the scale and {@code --set}
 * @param scale the scale's name, or null
 * @param axes every axis in order of first appearance
 * @param x the report's x axis, or null
 * @param runs every run, in run order
 */
public record StudyPlan(String rnnlab, String sha256, Map<String, Object> spec, String scale, List<String> axes, String x,
        List<PlannedRun> runs) {
    public static final String FILE = "study.json";

    /** The checksum of a spec and its runs. */
    static String checksum(Map<String, Object> spec, List<PlannedRun> runs) {
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("spec", spec);
        both.put("runs", runs.stream().map(PlannedRun::toTree).toList());
        return StudyJson.sha256(StudyJson.canonical(both));
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rnnlab", rnnlab);
        m.put("sha256", sha256);
        m.put("spec", spec);
        m.put("scale", scale);
        m.put("axes", axes);
        m.put("x", x);
        m.put("runs", runs.stream().map(PlannedRun::toTree).toList());
        return m;
    }

    /** Writes {@value #FILE} into a study folder, atomically. */
    public void write(Path directory) throws IOException {
        AtomicFiles.writeString(directory.resolve(FILE), SpecFiles.toJson(toTree()));
    }

    /**
     * Reads a study folder's {@value #FILE}.
     *
     * @throws StudyFolderException if it is missing or not a study plan
     */
    @SuppressWarnings("unchecked")
    public static StudyPlan read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new StudyFolderException(directory + " holds no " + FILE + "; it is not a study folder");
        }
        try {
            Map<String, Object> m = (Map<String, Object>) StudyJson.parse(text);
            List<PlannedRun> runs = new ArrayList<>();
            for (Object o : (List<Object>) m.get("runs")) {
                Map<String, Object> r = (Map<String, Object>) o;
                runs.add(new PlannedRun((String) r.get("id"), (String) r.get("variant"),
                        (Map<String, Object>) r.get("values"), ((Number) r.get("seed")).longValue()));
            }
            return new StudyPlan((String) m.get("rnnlab"), (String) m.get("sha256"), (Map<String, Object>) m.get("spec"),
                    (String) m.get("scale"), (List<String>) m.get("axes"), (String) m.get("x"), runs);
        } catch (IOException | RuntimeException e) {
            throw new StudyFolderException(file + " is not a study plan: " + e.getMessage());
        }
    }

    /**
     * What makes another plan a different study, in words, or null if it is the same study.
     * The folder's plan is {@code this}.
     */
    public String differenceFrom(StudyPlan now) {
        if (sha256.equals(now.sha256)) {
            return null;
        }
        if (runs.size() != now.runs.size()) {
            return "the study now has " + now.runs.size() + " runs, the folder's has " + runs.size();
        }
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun was = runs.get(i);
            PlannedRun is = now.runs.get(i);
            if (!StudyJson.canonical(was.toTree()).equals(StudyJson.canonical(is.toTree()))) {
                return "run " + was.id() + " was (" + was.settings() + ") and is now (" + is.settings() + ")";
            }
        }
        String at = firstDifference(spec, now.spec, "");
        return at == null ? "the checksum differs" : at;
    }

    private static String firstDifference(Object was, Object is, String path) {
        if (StudyJson.canonical(was).equals(StudyJson.canonical(is))) {
            return null;
        }
        if (was instanceof Map<?, ?> a && is instanceof Map<?, ?> b) {
            java.util.Set<Object> keys = new java.util.LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object k : keys) {
                String d = firstDifference(a.get(k), b.get(k), path.isEmpty() ? k.toString() : path + "." + k);
                if (d != null) {
                    return d;
                }
            }
        }
        if (was instanceof List<?> a && is instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
        }
        return "the spec's " + (path.isEmpty() ? "content" : path) + " was " + StudyJson.compact(was) + " and is now "
                + StudyJson.compact(is);
    }
}
