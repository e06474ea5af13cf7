package org.rnnlab.experiments.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.params.PluginRef;
import org.rnnlab.params.Suggestions;
import org.rnnlab.registry.Registries;

/**
 * Reads a parsed spec tree (maps, lists, strings, numbers, booleans, nulls, as Jackson gives them)
 * into an {@link ExperimentSpec}, collecting every problem with its path instead of stopping at the
 * first. Where a field is wrong, a valid stand-in (its default) takes its place so the rest can
 * still be checked; the stand-ins never leave this package, since a spec with problems is refused.
 */
final class SpecReader {
    private final Registries registries;
    private final List<String> problems = new ArrayList<>();
    private boolean taskReported;
    private boolean modelReported;

    /**
     * What was read.
     *
     * @param spec the spec, with stand-ins where there were problems
     * @param taskReported whether the task could not be read (so it is not resolved)
     * @param modelReported whether a layer could not be read (so the model is not resolved)
     * @param problems every problem found, in the order of the fields
     */
    record Result(ExperimentSpec spec, boolean taskReported, boolean modelReported, List<String> problems) {
    }

    private SpecReader(Registries registries) {
        this.registries = registries;
    }

    static Result read(Object tree, Registries registries) {
        SpecReader reader = new SpecReader(registries);
        ExperimentSpec spec = reader.root(tree);
        return new Result(spec, reader.taskReported, reader.modelReported, List.copyOf(reader.problems));
    }

    private ExperimentSpec root(Object tree) {
        if (!(tree instanceof Map<?, ?> m)) {
            problems.add("the spec must be an object with at least \"task\" and \"model\", found " + Params.show(tree));
            taskReported = true;
            modelReported = true;
            return null;
        }
        unknownFields(m, SpecSchema.root(), "the spec");
        long seed = whole(m.get("seed"), "seed", ExperimentSpec.DEFAULT_SEED);
        PluginRef task = task(m.get("task"));
        ModelSection model = model(m.get("model"));
        PluginRef optimizer = plugin(m.get("optimizer"), "optimizer", "optimizers",
                registries.optimizers().names(), ExperimentSpec.DEFAULT_OPTIMIZER);
        PluginRef schedule = plugin(m.get("schedule"), "schedule", "schedules", ScheduleType.names(),
                ExperimentSpec.DEFAULT_SCHEDULE);
        List<PluginRef> transforms = plugins(m.get("transforms"), "transforms", "gradient transforms",
                registries.gradientTransforms().names());
        List<PluginRef> constraints = plugins(m.get("constraints"), "constraints", "constraints",
                registries.constraints().names());
        List<PluginRef> regularizers = plugins(m.get("regularizers"), "regularizers", "regularizers",
                registries.regularizers().names());
        int batchSize = (int) whole(m.get("batchSize"), "batchSize", ExperimentSpec.DEFAULT_BATCH_SIZE, true);
        TruncationSpec truncation = truncation(m.get("truncation"));
        BudgetSpec budget = budget(m.get("budget"));
        EvaluationSpec evaluation = evaluation(m.get("evaluation"));
        RecordSpec record = record(m.get("record"));
        try {
            return new ExperimentSpec(seed, task, model, optimizer, schedule, transforms, constraints, regularizers,
                    batchSize, truncation, budget, evaluation, record);
        } catch (InvalidSpecException e) {
            problems.addAll(e.problems());
            return new ExperimentSpec(seed, task, model, optimizer, schedule, transforms, constraints, regularizers,
                    ExperimentSpec.DEFAULT_BATCH_SIZE, truncation, budget, evaluation, record);
        }
    }

    // ---- sections ----

    private PluginRef task(Object v) {
        if (v == null) {
            problems.add("task is required; known tasks: " + known(registries.tasks().names()));
            taskReported = true;
            return PluginRef.of("");
        }
        int before = problems.size();
        PluginRef ref = plugin(v, "task", "tasks", registries.tasks().names(), null);
        taskReported = problems.size() > before;
        return ref == null ? PluginRef.of("") : ref;
    }

    private ModelSection model(Object v) {
        int before = problems.size();
        ModelSection section = readModel(v);
        modelReported = problems.size() > before;
        return section == null ? new ModelSection(List.of()) : section;
    }

    private ModelSection readModel(Object v) {
        if (v == null) {
            problems.add("model is required: an object with a list of layers, such as "
                    + "{\"layers\": [{\"cell\": \"rnn\", \"hiddenSize\": 100}]}");
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add("model must be an object with a list of layers, found " + Params.show(v));
            return null;
        }
        unknownFields(m, SpecSchema.root().fields().get("model"), "model");
        if (!(m.get("layers") instanceof List<?> list)) {
            problems.add("model.layers must be a list of layers, found " + Params.show(m.get("layers")));
            return null;
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            LayerSpec layer = layer(list.get(i), "model.layers[" + i + "]");
            if (layer != null) {
                layers.add(layer);
            }
        }
        return layers.size() == list.size() ? new ModelSection(layers) : null;
    }

    private LayerSpec layer(Object v, String path) {
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(path + " must be an object with a cell and a hiddenSize, found " + Params.show(v));
            return null;
        }
        SpecSchema.Node schema = SpecSchema.root().fields().get("model").fields().get("layers").element();
        unknownFields(m, schema, path);
        String cell = null;
        if (m.get("cell") == null) {
            problems.add(path + ".cell is required; known cells: " + known(registries.cells().names()));
        } else if (m.get("cell") instanceof String s) {
            cell = s;
        } else {
            problems.add(path + ".cell must be the name of one of the cells, found " + Params.show(m.get("cell")));
        }
        int hidden = 1;
        if (m.get("hiddenSize") == null) {
            problems.add(path + ".hiddenSize is required: the width of the layer's state, a whole number > 0");
        } else {
            hidden = (int) whole(m.get("hiddenSize"), path + ".hiddenSize", 1, true);
        }
        Map<String, Object> options = object(m.get("options"), path + ".options");
        Map<String, PluginRef> init = new LinkedHashMap<>();
        object(m.get("init"), path + ".init").forEach((key, ref) -> {
            PluginRef r = pluginOrNull(ref);
            if (r == null) {
                problems.add(path + ".init." + key + " must be the name of one of the initializers, or an object"
                        + " with a \"name\" field, found " + Params.show(ref));
            } else {
                init.put(key, r);
            }
        });
        return cell == null ? null : new LayerSpec(cell, hidden, options, init);
    }

    private TruncationSpec truncation(Object v) {
        if (v == null) {
            return null;
        }
        Map<?, ?> m = section(v, "truncation", "an object with stepsBetweenUpdates and stepsBack, or null");
        if (m == null) {
            return null;
        }
        if (m.get("stepsBetweenUpdates") == null) {
            problems.add("truncation.stepsBetweenUpdates is required: steps between two updates, a whole number > 0");
            return null;
        }
        int k1 = (int) whole(m.get("stepsBetweenUpdates"), "truncation.stepsBetweenUpdates", 1, true);
        int k2 = (int) whole(m.get("stepsBack"), "truncation.stepsBack", k1, true);
        return build(() -> new TruncationSpec(k1, k2), null);
    }

    private BudgetSpec budget(Object v) {
        Map<?, ?> m = section(v, "budget", "an object");
        if (m == null) {
            return BudgetSpec.DEFAULT;
        }
        BudgetSpec d = BudgetSpec.DEFAULT;
        long updates = whole(m.get("updates"), "budget.updates", d.updates());
        Double seconds = number(m.get("seconds"), "budget.seconds", d.seconds());
        return build(() -> new BudgetSpec(updates, seconds), d);
    }

    private EvaluationSpec evaluation(Object v) {
        Map<?, ?> m = section(v, "evaluation", "an object");
        if (m == null) {
            return EvaluationSpec.DEFAULT;
        }
        EvaluationSpec d = EvaluationSpec.DEFAULT;
        long every = whole(m.get("every"), "evaluation.every", d.every());
        int batches = (int) whole(m.get("batches"), "evaluation.batches", d.batches(), true);
        int batchSize = (int) whole(m.get("batchSize"), "evaluation.batchSize", d.batchSize(), true);
        boolean stop = bool(m.get("stopWhenSolved"), "evaluation.stopWhenSolved", d.stopWhenSolved());
        return build(() -> new EvaluationSpec(every, batches, batchSize, stop), d);
    }

    private RecordSpec record(Object v) {
        Map<?, ?> m = section(v, "record", "an object");
        if (m == null) {
            return RecordSpec.DEFAULT;
        }
        RecordSpec d = RecordSpec.DEFAULT;
        long every = whole(m.get("every"), "record.every", d.every());
        long diagnosticsEvery = whole(m.get("diagnosticsEvery"), "record.diagnosticsEvery", d.diagnosticsEvery());
        boolean longTermShare = bool(m.get("longTermShare"), "record.longTermShare", d.longTermShare());
        return build(() -> new RecordSpec(every, diagnosticsEvery, longTermShare), d);
    }

    /** A record section as a map, or null if absent or not an object (a problem then). */
    private Map<?, ?> section(Object v, String path, String expected) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(path + " must be " + expected + ", found " + Params.show(v));
            return null;
        }
        unknownFields(m, SpecSchema.root().fields().get(path), path);
        return m;
    }

    private <T> T build(Supplier<T> constructor, T standIn) {
        try {
            return constructor.get();
        } catch (InvalidSpecException e) {
            problems.addAll(e.problems());
            return standIn;
        }
    }

    // ---- plugins ----

    private PluginRef plugin(Object v, String path, String plural, Collection<String> known, PluginRef fallback) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map<?, ?> m && m.get("name") == null) {
            problems.add(path + ".name is required; known " + plural + ": " + known(known));
            return fallback;
        }
        PluginRef ref = pluginOrNull(v);
        if (ref == null) {
            problems.add(path + " must be the name of one of the " + plural + ", or an object with a \"name\" field, found "
                    + Params.show(v));
            return fallback;
        }
        return ref;
    }

    private List<PluginRef> plugins(Object v, String path, String plural, Collection<String> known) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            problems.add(path + " must be a list, found " + Params.show(v));
            return List.of();
        }
        List<PluginRef> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            PluginRef ref = plugin(list.get(i), path + "[" + i + "]", plural, known, null);
            if (ref != null) {
                out.add(ref);
            } else if (list.get(i) == null) {
                problems.add(path + "[" + i + "] must be the name of one of the " + plural
                        + ", or an object with a \"name\" field, found nothing");
            }
        }
        return out;
    }

    /** A name, or a map with a string "name" and parameter values (nulls dropped: they mean "the default"). */
    private static PluginRef pluginOrNull(Object v) {
        if (v instanceof String s) {
            return PluginRef.of(s);
        }
        if (v instanceof Map<?, ?> m && m.get("name") instanceof String name) {
            Map<String, Object> values = new LinkedHashMap<>();
            m.forEach((k, value) -> {
                if (!"name".equals(k) && value != null) {
                    values.put(String.valueOf(k), value);
                }
            });
            return PluginRef.of(name, values);
        }
        return null;
    }

    // ---- values ----

    private void unknownFields(Map<?, ?> m, SpecSchema.Node schema, String where) {
        for (Object key : m.keySet()) {
            String k = String.valueOf(key);
            if (!schema.fields().containsKey(k)) {
                problems.add(unknownField(where, k, schema.fields().keySet()));
            }
        }
    }

    /** "{@code where} has no field 'k'; did you mean 'x'? Known fields: ..." */
    static String unknownField(String where, String key, Collection<String> fields) {
        List<String> known = fields.stream().filter(f -> !f.equals(SpecSchema.PROVENANCE)).toList();
        String hint = Suggestions.closest(key, known).map(s -> "; did you mean '" + s + "'? Known").orElse("; known");
        return where + " has no field '" + key + "'" + hint + " fields: " + String.join(", ", known);
    }

    private long whole(Object v, String path, long fallback) {
        return whole(v, path, fallback, false);
    }

    private long whole(Object v, String path, long fallback, boolean intOnly) {
        if (v == null) {
            return fallback;
        }
        BigDecimal d = decimal(v);
        try {
            long value = d == null ? 0 : d.longValueExact();
            if (d != null && (!intOnly || (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE))) {
                return value;
            }
        } catch (ArithmeticException e) {
            // not whole, or too large: reported below
        }
        problems.add(path + " must be a whole number, found " + Params.show(v));
        return fallback;
    }

    private Double number(Object v, String path, Double fallback) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        BigDecimal d = decimal(v);
        if (d != null) {
            return d.doubleValue();
        }
        problems.add(path + " must be a number, found " + Params.show(v));
        return fallback;
    }

    private boolean bool(Object v, String path, boolean fallback) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        problems.add(path + " must be true or false, found " + Params.show(v));
        return fallback;
    }

    private Map<String, Object> object(Object v, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(path + " must be an object, found " + Params.show(v));
            return out;
        }
        m.forEach((k, value) -> {
            if (value != null) {
                out.put(String.valueOf(k), value);
            }
        });
        return out;
    }

    /** A number, or a string holding one, exactly; null for anything else. */
    private static BigDecimal decimal(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String known(Collection<String> names) {
        return names.isEmpty() ? "none are on the classpath" : String.join(", ", names);
    }
}
