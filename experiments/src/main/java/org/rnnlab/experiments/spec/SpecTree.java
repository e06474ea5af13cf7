package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.params.PluginRef;

/**
 * An {@link ExperimentSpec} as a tree of plain maps, lists and values, in the form a spec file
 * writes it; reading the tree back gives an equal spec.
 */
public final class SpecTree {
    private SpecTree() {
    }

    /** Every field, defaults included, plugins as {@code {"name": ..., given values}}. */
    public static Map<String, Object> of(ExperimentSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", spec.seed());
        m.put("task", plugin(spec.task()));
        List<Object> layers = new ArrayList<>();
        for (LayerSpec layer : spec.model().layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("cell", layer.cell());
            l.put("hiddenSize", layer.hiddenSize());
            l.put("options", new TreeMap<>(layer.options()));
            Map<String, Object> init = new TreeMap<>();
            layer.init().forEach((k, ref) -> init.put(k, plugin(ref)));
            l.put("init", init);
            layers.add(l);
        }
        m.put("model", new LinkedHashMap<>(Map.of("layers", layers)));
        m.put("optimizer", plugin(spec.optimizer()));
        m.put("schedule", plugin(spec.schedule()));
        m.put("transforms", spec.transforms().stream().map(r -> (Object) plugin(r)).toList());
        m.put("constraints", spec.constraints().stream().map(r -> (Object) plugin(r)).toList());
        m.put("regularizers", spec.regularizers().stream().map(r -> (Object) plugin(r)).toList());
        m.put("batchSize", spec.batchSize());
        m.put("truncation", spec.truncation() == null ? null : truncation(spec.truncation()));
        m.put("budget", budget(spec.budget()));
        m.put("evaluation", evaluation(spec.evaluation()));
        m.put("record", record(spec.record()));
        return m;
    }

    static Map<String, Object> plugin(PluginRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", ref.name());
        m.putAll(new TreeMap<>(ref.values()));
        return m;
    }

    static Map<String, Object> truncation(TruncationSpec t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stepsBetweenUpdates", t.stepsBetweenUpdates());
        m.put("stepsBack", t.stepsBack());
        return m;
    }

    static Map<String, Object> budget(BudgetSpec b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("updates", b.updates());
        m.put("seconds", b.seconds());
        return m;
    }

    static Map<String, Object> evaluation(EvaluationSpec e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("every", e.every());
        m.put("batches", e.batches());
        m.put("batchSize", e.batchSize());
        m.put("stopWhenSolved", e.stopWhenSolved());
        return m;
    }

    static Map<String, Object> record(RecordSpec r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("every", r.every());
        m.put("diagnosticsEvery", r.diagnosticsEvery());
        m.put("longTermShare", r.longTermShare());
        return m;
    }
}
