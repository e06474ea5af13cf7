package org.rnnlab.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;

class SpecOverrideTest {
    private static final String SPEC = """
            {"task": "toy_sum", "optimizer": "sgd",
             "model": {"layers": [{"cell": "rnn", "hiddenSize": 8}]}}
            """;

    @SuppressWarnings("unchecked")
    private static List<String> apply(Map<String, Object> tree, String... sets) {
        List<String> problems = new ArrayList<>();
        for (String s : sets) {
            SpecOverride.parse(s).apply(tree, problems);
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree() {
        return (Map<String, Object>) SpecFiles.parse(SPEC, false);
    }

    @Test
    void changesExistingFieldsAndAddsPluginParameters() {
        Map<String, Object> tree = tree();
        assertThat(apply(tree, "model.layers[0].hiddenSize=50", "task.length=100", "optimizer.lr=0.001",
                "budget.updates=5", "model.layers[0].options.activation=relu", "seed=")).isEmpty();
        ExperimentSpec spec = SpecFiles.read(tree, SpecFilesTest.REGISTRIES);
        assertThat(spec.model().layers().get(0).hiddenSize()).isEqualTo(50);
        assertThat(spec.model().layers().get(0).options()).isEqualTo(Map.of("activation", "relu"));
        assertThat(spec.task()).isEqualTo(PluginRef.of("toy_sum", Map.of("length", 100)));
        assertThat(spec.optimizer()).isEqualTo(PluginRef.of("sgd", Map.of("lr", 0.001)));
        assertThat(spec.budget().updates()).isEqualTo(5);
        assertThat(spec.seed()).isEqualTo(ExperimentSpec.DEFAULT_SEED);
    }

    @Test
    void valuesAreYaml() {
        Map<String, Object> tree = tree();
        assertThat(apply(tree, "transforms=[{name: clip_global_norm, threshold: 2}]", "evaluation.stopWhenSolved=false",
                "transforms[0].epsilon=1e-6")).isEmpty();
        ExperimentSpec spec = SpecFiles.read(tree, SpecFilesTest.REGISTRIES);
        assertThat(spec.transforms()).containsExactly(PluginRef.of("clip_global_norm", Map.of("threshold", 2,
                "epsilon", 1e-6)));
        assertThat(spec.evaluation().stopWhenSolved()).isFalse();
    }

    @Test
    void pathsThatDoNotExistAreErrors() {
        Map<String, Object> tree = tree();
        assertThat(apply(tree, "batchsize=3", "model.layers[3].hiddenSize=5", "budget.update=5", "transforms[0].threshold=2",
                "seed.value=3", "model.layers.cell=rnn")).containsExactly(
                "--set batchsize=3: the spec has no field 'batchsize'; did you mean 'batchSize'? Known fields: seed, task,"
                        + " model, optimizer, schedule, transforms, constraints, regularizers, batchSize, truncation, budget, evaluation, record",
                "--set model.layers[3].hiddenSize=5: model.layers has 1 entry, so model.layers[3] does not exist",
                "--set budget.update=5: budget has no field 'update'; did you mean 'updates'? Known fields: updates, seconds",
                "--set transforms[0].threshold=2: transforms has 0 entries, so transforms[0] does not exist",
                "--set seed.value=3: seed is not an object",
                "--set model.layers.cell=rnn: model.layers is not an object, found a list [{cell=rnn, hiddenSize=8}]");
    }

    @Test
    void malformedArguments() {
        assertThatThrownBy(() -> SpecOverride.parseAll(List.of("hiddenSize", "a..b=1", "x=[1")))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems()).containsExactly(
                        "--set hiddenSize: expected path=value, such as model.layers[0].hiddenSize=50",
                        "--set a..b=1: 'a..b' is not a path such as model.layers[0].hiddenSize",
                        "--set x=[1: the value is not valid YAML: while parsing a flow sequence"));
    }
}
