package org.rnnlab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.params.PluginRef;

/**
 * A {@link ModelSpec} as JSON, the form it takes in a checkpoint's metadata and in spec files:
 *
 * <pre>{@code
 * {"inputSize": 2, "outputSize": 1, "loss": "mse", "readAt": "last",
 *  "layers": [{"cell": "rnn", "hiddenSize": 50, "options": {"activation": "relu"},
 *              "init": {"recurrent": {"name": "identity"}}}]}
 * }</pre>
 */
public final class ModelSpecJson {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ModelSpecJson() {
    }

    /** The spec as a JSON object of plain maps, lists, strings and numbers. */
    public static Map<String, Object> toMap(ModelSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputSize", spec.inputSize());
        List<Object> layers = new ArrayList<>();
        for (LayerSpec layer : spec.layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("cell", layer.cell());
            l.put("hiddenSize", layer.hiddenSize());
            l.put("options", layer.options());
            Map<String, Object> init = new LinkedHashMap<>();
            layer.init().forEach((role, ref) -> {
                Map<String, Object> r = new LinkedHashMap<>(ref.values());
                r.put("name", ref.name());
                init.put(role, r);
            });
            l.put("init", init);
            layers.add(l);
        }
        m.put("layers", layers);
        m.put("outputSize", spec.outputSize());
        m.put("loss", spec.loss().specName());
        m.put("readAt", spec.readAt().specName());
        return m;
    }

    public static String toJson(ModelSpec spec) {
        try {
            return JSON.writeValueAsString(toMap(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A model spec of plain values always serializes", e);
        }
    }

    /**
     * Reads a spec from JSON text.
     *
     * @throws InvalidSpecException listing every problem, each with its path under {@code model}
     */
    public static ModelSpec fromJson(String json) {
        Object tree;
        try {
            tree = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(List.of("model is not valid JSON: " + e.getOriginalMessage()));
        }
        return fromMap(tree);
    }

    /** Reads a spec from a parsed JSON object. */
    public static ModelSpec fromMap(Object tree) {
        List<String> problems = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> m)) {
            throw new InvalidSpecException(List.of("model must be an object, found " + Params.show(tree)));
        }
        int inputSize = integer(m, "inputSize", "model", problems);
        int outputSize = integer(m, "outputSize", "model", problems);
        Loss loss = Loss.fromSpecName(string(m, "loss", "mse"));
        if (loss == null) {
            problems.add("model.loss must be one of [mse, cross_entropy], found " + Params.show(m.get("loss")));
        }
        ReadAt readAt = ReadAt.fromSpecName(string(m, "readAt", "last"));
        if (readAt == null) {
            problems.add("model.readAt must be one of [last, every], found " + Params.show(m.get("readAt")));
        }
        List<LayerSpec> layers = new ArrayList<>();
        if (!(m.get("layers") instanceof List<?> list)) {
            problems.add("model.layers must be a list of layers, found " + Params.show(m.get("layers")));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String path = "model.layers[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> l)) {
                    problems.add(path + " must be an object, found " + Params.show(list.get(i)));
                    continue;
                }
                if (!(l.get("cell") instanceof String cell)) {
                    problems.add(path + ".cell must be the name of one of the cells, found " + Params.show(l.get("cell")));
                    continue;
                }
                int hidden = integer(l, "hiddenSize", path, problems);
                Map<String, Object> options = stringKeyed(l.get("options"), path + ".options", problems);
                Map<String, PluginRef> init = new LinkedHashMap<>();
                stringKeyed(l.get("init"), path + ".init", problems).forEach((role, ref) -> {
                    if (ref instanceof String name) {
                        init.put(role, PluginRef.of(name));
                    } else if (ref instanceof Map<?, ?> r && r.get("name") instanceof String name) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        r.forEach((k, v) -> {
                            if (!"name".equals(k)) {
                                values.put(String.valueOf(k), v);
                            }
                        });
                        init.put(role, PluginRef.of(name, values));
                    } else {
                        problems.add(path + ".init." + role + " must be the name of one of the initializers, or an object"
                                + " with a \"name\" field, found " + Params.show(ref));
                    }
                });
                layers.add(new LayerSpec(cell, hidden, options, init));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return new ModelSpec(inputSize, layers, outputSize, loss, readAt);
    }

    private static int integer(Map<?, ?> m, String key, String path, List<String> problems) {
        Object v = m.get(key);
        if (v instanceof Integer i) {
            return i;
        }
        problems.add(path + "." + key + " must be a whole number, found " + Params.show(v));
        return 1;
    }

    private static String string(Map<?, ?> m, String key, String fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        return v instanceof String s ? s : "\u0000";
    }

    private static Map<String, Object> stringKeyed(Object v, String path, List<String> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(path + " must be an object, found " + Params.show(v));
            return out;
        }
        m.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }
}
