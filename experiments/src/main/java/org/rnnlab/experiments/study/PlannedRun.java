package org.rnnlab.experiments.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a study as {@code study.json} lists it.
 *
 * @param id the run's number with four digits ({@code 0007})
 * @param variant the variant's label, or null if the study has no variants
 * @param values the value of each axis that applies to the run, by path, in axis order
 * @param seed the run's seed
 */
public record PlannedRun(String id, String variant, Map<String, Object> values, long seed) {

    /** A run's id: its number with (at least) four digits. */
    public static String id(int number) {
        return String.format(java.util.Locale.ROOT, "%04d", number);
    }

    /** The grid point's settings and the seed, for messages: {@code variant lstm, task.length=100, seed 2}. */
    public String settings() {
        List<String> parts = new ArrayList<>();
        if (variant != null) {
            parts.add("variant " + variant);
        }
        values.forEach((k, v) -> parts.add(k + "=" + StudyJson.cell(v)));
        parts.add("seed " + seed);
        return String.join(", ", parts);
    }

    /** {@code run 0003 (variant lstm, task.length=100, seed 2)}. */
    public String describe() {
        return "run " + id + " (" + settings() + ")";
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("variant", variant);
        m.put("values", values);
        m.put("seed", seed);
        return m;
    }
}
