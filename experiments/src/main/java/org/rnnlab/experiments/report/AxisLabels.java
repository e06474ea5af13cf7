package org.rnnlab.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.StringJoiner;

/** Short, readable forms of a study's axes and their values, for legends and the command line's tables. */
public final class AxisLabels {
    private AxisLabels() {
    }

    /**
     * An axis value as a legend can show it: text and numbers as they are, an empty list as "none", a
     * plugin reference {@code {"name": "clip_global_norm", "threshold": 1}} as
     * {@code clip_global_norm(threshold=1)}, a list of those joined with "+", anything else as compact JSON.
     */
    public static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 1e15) {
            // 1.0 and 1 are the same setting; the shorter reads better in a legend.
            return Long.toString((long) v.asDouble());
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.isArray()) {
            if (v.isEmpty()) {
                return "none";
            }
            StringJoiner j = new StringJoiner("+");
            v.forEach(e -> j.add(value(e)));
            return j.toString();
        }
        if (v.path("name").isTextual()) {
            StringJoiner params = new StringJoiner(", ", "(", ")").setEmptyValue("");
            v.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("name")) {
                    params.add(e.getKey() + "=" + value(e.getValue()));
                }
            });
            return v.get("name").asText() + params;
        }
        return v.toString();
    }

    /** The last segment of an axis path ({@code model.layers[0].init.recurrent} gives {@code recurrent}). */
    public static String axis(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
