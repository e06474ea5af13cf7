package org.rnnlab.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;
import org.rnnlab.registry.Registries;

class SpecFilesTest {
    static final Registries REGISTRIES = TestRegistries.withTestTasks();

    static final String MINIMAL = """
            {"task": "toy_sum", "model": {"layers": [{"cell": "rnn", "hiddenSize": 8}]}}
            """;

    static Experiment load(String json, String... sets) {
        return SpecFiles.resolve(SpecFiles.parse(json, false), SpecOverride.parseAll(List.of(sets)), REGISTRIES);
    }

    static List<String> problems(String json, String... sets) {
        try {
            load(json, sets);
        } catch (InvalidSpecException e) {
            return e.problems();
        }
        throw new AssertionError("no problems in " + json);
    }

    @Test
    void everythingButTaskAndModelHasADefault() {
        ExperimentSpec spec = load(MINIMAL).spec();
        assertThat(spec).isEqualTo(ExperimentSpec.builder(PluginRef.of("toy_sum"), ModelSection.of(LayerSpec.of("rnn", 8)))
                .build());
        assertThat(spec.seed()).isEqualTo(1);
        assertThat(spec.optimizer()).isEqualTo(PluginRef.of("sgd"));
        assertThat(spec.schedule()).isEqualTo(PluginRef.of("constant"));
        assertThat(spec.transforms()).isEmpty();
        assertThat(spec.constraints()).isEmpty();
        assertThat(spec.batchSize()).isEqualTo(20);
        assertThat(spec.truncation()).isNull();
        assertThat(spec.budget()).isEqualTo(new BudgetSpec(10_000, null));
        assertThat(spec.evaluation()).isEqualTo(new EvaluationSpec(100, 10, 100, true));
        assertThat(spec.record()).isEqualTo(new RecordSpec(10));
    }

    @Test
    void everyFieldIsReadAndWrittenBack() {
        String full = """
                {"seed": 7,
                 "task": {"name": "toy_sum", "length": 3},
                 "model": {"layers": [{"cell": "rnn", "hiddenSize": 5, "options": {"activation": "relu"},
                                       "init": {"recurrent": "identity", "input": {"name": "normal", "std": 0.001}}},
                                      {"cell": "rnn", "hiddenSize": 4}]},
                 "optimizer": {"name": "adam", "lr": 0.002},
                 "schedule": {"name": "step_decay", "factor": 0.5, "every": 100, "warmup": 10},
                 "transforms": [{"name": "clip_global_norm", "threshold": 2}, "non_finite"],
                 "constraints": [{"name": "clamp", "limit": 3}],
                 "batchSize": 16,
                 "truncation": {"stepsBetweenUpdates": 2, "stepsBack": 3},
                 "budget": {"updates": 50, "seconds": 60},
                 "evaluation": {"every": 10, "batches": 2, "batchSize": 8, "stopWhenSolved": false},
                 "record": {"every": 5}}
                """;
        ExperimentSpec spec = load(full).spec();
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.model().layers().get(0).init()).containsEntry("input", PluginRef.of("normal", Map.of("std", 0.001)));
        assertThat(spec.transforms()).containsExactly(PluginRef.of("clip_global_norm", Map.of("threshold", 2)),
                PluginRef.of("non_finite"));
        assertThat(spec.truncation()).isEqualTo(new TruncationSpec(2, 3));
        assertThat(spec.budget()).isEqualTo(new BudgetSpec(50, 60.0));
        assertThat(spec.evaluation()).isEqualTo(new EvaluationSpec(10, 2, 8, false));
        Object tree = SpecFiles.parse(SpecFiles.toJson(SpecTree.of(spec)), false);
        assertThat(SpecFiles.read(tree, REGISTRIES)).isEqualTo(spec);
    }

    @Test
    void yamlReadsAsJsonDoes() {
        String yaml = """
                task: {name: toy_sum, length: 3}
                model:
                  layers:
                    - {cell: rnn, hiddenSize: 8, options: {activation: relu}}
                optimizer: {name: sgd, lr: 1e-3}
                """;
        ExperimentSpec spec = SpecFiles.resolve(SpecFiles.parse(yaml, true), List.of(), REGISTRIES).spec();
        assertThat(spec.task()).isEqualTo(PluginRef.of("toy_sum", Map.of("length", 3)));
        assertThat(load("{\"task\": \"toy_sum\", \"model\": {\"layers\": [{\"cell\": \"rnn\", \"hiddenSize\": 8}]},"
                + " \"optimizer\": {\"name\": \"sgd\", \"lr\": 0.001}}").optimizer().learningRate())
                .isEqualTo(0.001);
        assertThat(SpecFiles.resolve(SpecFiles.parse(yaml, true), List.of(), REGISTRIES).optimizer().learningRate())
                .isEqualTo(0.001);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String bad = """
                {"task": {"name": "toy_sum", "length": 0},
                 "model": {"layers": [{"cell": "rnn", "hiddenSize": 8}, {"cell": "lstmm", "hiddenSize": 0}]},
                 "optimizer": {"name": "sgd", "lr": "abc"},
                 "transforms": [{"name": "clip_global_norm", "threshold": -1}],
                 "batchSize": "many",
                 "budget": {"updates": 0},
                 "evaluation": {"evry": 5}}
                """;
        assertThat(problems(bad)).containsExactly(
                "batchSize must be a whole number, found \"many\"",
                "budget.updates must be > 0, found 0",
                "evaluation has no field 'evry'; did you mean 'every'? Known fields: every, batches, batchSize, stopWhenSolved",
                "task.length must be >= 1, found 0",
                "model.layers[1].hiddenSize must be > 0, found 0",
                "model.layers[1].cell: unknown cell 'lstmm'; did you mean 'lstm'? Known cells: gru, indrnn, lstm, lstm_noforget, lstm_peephole, plus_rnn, rnn, ugrnn",
                "optimizer.lr must be a number, found \"abc\"",
                "transforms[0].threshold must be > 0, found -1");
    }

    @Test
    void regularizersAreCheckedAgainstTheModelAndTheTruncation() {
        assertThat(problems("""
                {"task": "toy_sum", "model": {"layers": [{"cell": "rnn", "hiddenSize": 8}, {"cell": "lstm", "hiddenSize": 4}]},
                 "regularizers": [{"name": "pascanu_omega", "alpha": 2}, "pascanu_omegaa"]}
                """)).containsExactly(
                "regularizers[0]: pascanu_omega supports only the rnn cell, found lstm at model.layers[1].cell;"
                        + " use cell rnn or drop the regularizer",
                "regularizers[1]: unknown regularizer 'pascanu_omegaa'; did you mean 'pascanu_omega'? Known regularizers: "
                        + String.join(", ", REGISTRIES.regularizers().names()));
        assertThat(problems("""
                {"task": "toy_sum", "model": {"layers": [{"cell": "rnn", "hiddenSize": 8}]},
                 "regularizers": ["pascanu_omega"], "truncation": {"stepsBetweenUpdates": 2}}
                """)).containsExactly(
                "regularizers need full BPTT, found truncation with stepsBetweenUpdates 2; drop the truncation or the regularizers");
    }

    @Test
    void missingTaskListsTheKnownTasks() {
        assertThat(problems("{\"model\": {\"layers\": [{\"cell\": \"rnn\", \"hiddenSize\": 8}]}}")).containsExactly(
                "task is required; known tasks: " + String.join(", ", REGISTRIES.tasks().names()));
    }

    @Test
    void unknownPluginsNameTheClosestAndTheKnownOnes() {
        assertThat(problems("""
                {"task": "toy_summ", "model": {"layers": [{"cell": "rnn", "hiddenSize": 8, "options": {"activation": "tahn"},
                 "init": {"recurent": "identity"}}]}, "optimizer": "adamm", "schedule": "cosine"}
                """)).containsExactly(
                "task: unknown task 'toy_summ'; did you mean 'toy_sum'? Known tasks: " + String.join(", ", REGISTRIES.tasks().names()),
                "model.layers[0].options.activation: unknown activation 'tahn'; did you mean 'tanh'? Known activations: "
                        + String.join(", ", REGISTRIES.activations().names()),
                "optimizer: unknown optimizer 'adamm'; did you mean 'adam'? Known optimizers: adagrad, adam, rmsprop, sgd",
                "schedule: unknown schedule 'cosine'; known schedules: constant, step_decay");
    }

    @Test
    void initKeysAreCheckedAgainstTheCell() {
        assertThat(problems("""
                {"task": "toy_sum", "model": {"layers": [{"cell": "rnn", "hiddenSize": 8,
                 "init": {"recurent": "identity", "bias": {"name": "uniform", "low": 1, "high": 0}}}]}}
                """)).containsExactly(
                "model.layers[0].init.bias.low must be < high, found low 1 and high 0",
                "model.layers[0].init has no role or parameter 'recurent'; did you mean 'recurrent'? Known keys: bias, bias_hh, bias_ih, input, other,"
                        + " recurrent, weight_hh, weight_ih");
    }

    @Test
    void wrongShapesOfSections() {
        assertThat(problems("""
                {"seed": 1.5, "task": 3, "model": {"layers": [{"hiddenSize": 8}], "depth": 2},
                 "transforms": "clip_global_norm", "budget": [1], "truncation": {"stepsBack": 2},
                 "evaluation": {"stopWhenSolved": "yes"}, "color": "red"}
                """)).containsExactly(
                "the spec has no field 'color'; known fields: seed, task, model, optimizer, schedule, transforms, constraints,"
                        + " regularizers, batchSize, truncation, budget, evaluation, record",
                "seed must be a whole number, found 1.5",
                "task must be the name of one of the tasks, or an object with a \"name\" field, found 3",
                "model has no field 'depth'; known fields: layers",
                "model.layers[0].cell is required; known cells: gru, indrnn, lstm, lstm_noforget, lstm_peephole, plus_rnn, rnn, ugrnn",
                "transforms must be a list, found \"clip_global_norm\"",
                "truncation.stepsBetweenUpdates is required: steps between two updates, a whole number > 0",
                "budget must be an object, found a list [1]",
                "evaluation.stopWhenSolved must be true or false, found \"yes\"");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> SpecFiles.parse("{\"task\": \"toy_sum\",\n}", false))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("the file is not valid JSON at line 2, column 1: Unexpected character ('}'");
        assertThatThrownBy(() -> SpecFiles.parse("{\"seed\": 1, \"seed\": 2}", false))
                .hasMessageStartingWith("the file is not valid JSON at line 1, column ")
                .hasMessageContaining("Duplicate field 'seed'");
    }

    @Test
    void theResolvedSpecIsASpecFileAndKeepsEveryParameter() {
        Experiment e = load("""
                {"task": {"name": "toy_sum"}, "model": {"layers": [{"cell": "rnn", "hiddenSize": 8,
                 "init": {"input": "normal"}}]}, "transforms": ["clip_global_norm"]}
                """);
        Map<String, Object> tree = e.resolvedTree();
        assertThat(tree.get("optimizer")).isEqualTo(Map.of("name", "sgd", "lr", 0.01, "momentum", 0.0, "nesterov", false,
                "weightDecay", 0.0));
        assertThat(tree.get("task")).isEqualTo(Map.of("name", "toy_sum", "length", 4, "threshold", 0.01,
                "solvedErrorRate", 0.01));
        @SuppressWarnings("unchecked")
        Map<String, Object> layer = (Map<String, Object>) ((List<?>) ((Map<?, ?>) tree.get("model")).get("layers")).get(0);
        assertThat(layer.get("options")).isEqualTo(Map.of("activation", "tanh"));
        assertThat(layer.get("init")).isEqualTo(Map.of("input", Map.of("name", "normal", "mean", 0.0, "std", 0.01)));
        assertThat(tree.get("schedule")).isEqualTo(Map.of("name", "constant", "warmup", 0));
        Experiment again = SpecFiles.resolve(SpecFiles.parse(SpecFiles.toJson(tree), false), List.of(), REGISTRIES);
        assertThat(again.resolvedTree()).isEqualTo(tree);
    }
}
