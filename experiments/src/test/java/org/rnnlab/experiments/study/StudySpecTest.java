package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.spec.TestRegistries;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;

/** Reading a study spec and expanding it into runs: the order, ids, zip, variants, scales and every error text. */
class StudySpecTest {
    static final Registries REGISTRIES = TestRegistries.withTestTasks();

    static final String BASE = """
            base:
              seed: 7
              task: {name: toy_sum, length: 3}
              model: {layers: [{cell: rnn, hiddenSize: 4}]}
              optimizer: {name: adam, lr: 0.01}
              budget: {updates: 20}
            """;

    private static Study expand(String yaml, String scale, String... sets) {
        return Study.expand(SpecFiles.parse(yaml, true), name -> {
            throw new InvalidSpecException(List.of("base: no file " + name));
        }, scale, List.of(sets), REGISTRIES);
    }

    private static List<String> problems(String yaml, String scale) {
        try {
            expand(yaml, scale);
        } catch (InvalidSpecException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    private static List<String> settings(Study study) {
        return study.plan().runs().stream().map(r -> r.id() + " " + r.settings()).toList();
    }

    @Test
    void gridFirstWrittenAxisSlowestSeedsFastest() {
        Study s = expand("study: order\n" + BASE + """
                grid:
                  task.length: [2, 3]
                  model.layers[0].options.activation: [tanh, relu]
                seeds: [1, 2]
                """, null);
        assertThat(settings(s)).containsExactly(
                "0000 task.length=2, model.layers[0].options.activation=tanh, seed 1",
                "0001 task.length=2, model.layers[0].options.activation=tanh, seed 2",
                "0002 task.length=2, model.layers[0].options.activation=relu, seed 1",
                "0003 task.length=2, model.layers[0].options.activation=relu, seed 2",
                "0004 task.length=3, model.layers[0].options.activation=tanh, seed 1",
                "0005 task.length=3, model.layers[0].options.activation=tanh, seed 2",
                "0006 task.length=3, model.layers[0].options.activation=relu, seed 1",
                "0007 task.length=3, model.layers[0].options.activation=relu, seed 2");
        assertThat(s.plan().axes()).containsExactly("task.length", "model.layers[0].options.activation");
        assertThat(s.plan().x()).isEqualTo("task.length");
        // the run's experiment gets its values and its seed
        Map<String, Object> tree = s.experimentTree(6);
        assertThat(tree.get("seed")).isEqualTo(1L);
        assertThat(((Map<?, ?>) tree.get("task")).get("length")).isEqualTo(3);
        assertThat(s.experiment(6, REGISTRIES).modelSpec().layers().get(0).options().toString()).contains("relu");
    }

    @Test
    void aZipGroupIsOneAxisAndVariantsAreJoined() {
        Study s = expand("study: zipped\n" + BASE + """
                variants:
                  - label: elman
                    zip:
                      - model.layers[0].options.activation: [relu, tanh]
                        model.layers[0].init.recurrent: [identity, orthogonal]
                  - label: lstm
                    set: {"model.layers[0].cell": lstm}
                grid:
                  task.length: [2, 3]
                """, null);
        assertThat(settings(s)).containsExactly(
                "0000 variant elman, model.layers[0].options.activation=relu, model.layers[0].init.recurrent=identity, "
                        + "task.length=2, seed 7",
                "0001 variant elman, model.layers[0].options.activation=relu, model.layers[0].init.recurrent=identity, "
                        + "task.length=3, seed 7",
                "0002 variant elman, model.layers[0].options.activation=tanh, model.layers[0].init.recurrent=orthogonal, "
                        + "task.length=2, seed 7",
                "0003 variant elman, model.layers[0].options.activation=tanh, model.layers[0].init.recurrent=orthogonal, "
                        + "task.length=3, seed 7",
                "0004 variant lstm, task.length=2, seed 7",
                "0005 variant lstm, task.length=3, seed 7");
        assertThat(s.plan().axes()).containsExactly("model.layers[0].options.activation", "model.layers[0].init.recurrent",
                "task.length");
        assertThat(s.experiment(5, REGISTRIES).modelSpec().layers().get(0).cell()).isEqualTo("lstm");
        assertThat(s.plan().spec().get("seeds")).isEqualTo(List.of(7L));
    }

    @Test
    void aScaleReplacesSeedsAndValueListsAndChangesTheBase() {
        String yaml = "study: scaled\n" + BASE + """
                variants:
                  - label: a
                    grid:
                      model.layers[0].hiddenSize: [4, 8, 16]
                grid:
                  task.length: [2, 3, 4]
                seeds: [1, 2, 3]
                report:
                  x: model.layers[0].hiddenSize
                scales:
                  quick:
                    seeds: [5]
                    set: {budget.updates: 3}
                    grid:
                      task.length: [2]
                      model.layers[0].hiddenSize: [8]
                """;
        assertThat(expand(yaml, null).plan().runs()).hasSize(27);
        Study s = expand(yaml, "quick", "optimizer.lr=0.5");
        assertThat(settings(s)).containsExactly("0000 variant a, model.layers[0].hiddenSize=8, task.length=2, seed 5");
        assertThat(s.plan().scale()).isEqualTo("quick");
        assertThat(s.plan().x()).isEqualTo("model.layers[0].hiddenSize");
        Map<?, ?> base = (Map<?, ?>) s.plan().spec().get("base");
        assertThat(((Map<?, ?>) base.get("budget")).get("updates")).isEqualTo(3);
        assertThat(((Map<?, ?>) base.get("optimizer")).get("lr")).isEqualTo(0.5);
        assertThat(s.experiment(0, REGISTRIES).spec().budget().updates()).isEqualTo(3);
        // the same study expands to the same checksum; another scale to another
        assertThat(expand(yaml, "quick", "optimizer.lr=0.5").plan().sha256()).isEqualTo(s.plan().sha256())
                .hasSize(64);
        assertThat(expand(yaml, "quick").plan().sha256()).isNotEqualTo(s.plan().sha256());
    }

    @Test
    void noAxesIsOneRunPerSeedAndXIsNull() {
        Study s = expand("study: one\n" + BASE, null);
        assertThat(settings(s)).containsExactly("0000 seed 7");
        assertThat(s.plan().axes()).isEmpty();
        assertThat(s.plan().x()).isNull();
    }

    @Test
    void shapeProblemsAreReportedAllAtOnce() {
        assertThat(problems("""
                study: my study
                descripton: typo
                base: {task: {name: toy_sum}}
                variants:
                  - label: a
                    grdi: {}
                  - label: a
                  - set: {}
                grid:
                  task.length: []
                  budget.updates: 5
                zip:
                  - optimizer.lr: [0.1, 0.2]
                    batchSize: [1, 2, 3]
                seeds: []
                report: {y: 1}
                scales:
                  quick: {seed: [1]}
                """, null)).containsExactly(
                "the study has no field 'descripton'; did you mean 'description'? Known fields: study, description, source, "
                        + "base, variants, grid, zip, seeds, report, scales",
                "study: the name may hold only letters, digits, '-' and '_', found \"my study\"",
                "variants[0] has no field 'grdi'; did you mean 'grid'? Known fields: label, set, grid, zip",
                "variants: the label 'a' is used by variants[0] and variants[1]; labels must differ",
                "variants[2].label: missing; every variant needs a label",
                "grid: task.length is an empty list; give at least one value",
                "grid: budget.updates must be a list of values, found 5",
                "zip[0]: zipped lists must be of equal length, found optimizer.lr has 2, batchSize has 3",
                "seeds is an empty list; give at least one seed",
                "report has no field 'y'; did you mean 'x'? Known fields: x",
                "scales.quick has no field 'seed'; did you mean 'seeds'? Known fields: seeds, set, grid");
    }

    @Test
    void missingNameAndBaseAndBadPaths() {
        assertThat(problems("""
                grid:
                  task..length: [1]
                """, null)).containsExactly(
                "study: missing; give the study a name of letters, digits, '-' and '_'",
                "base: missing; give an experiment spec (docs/spec.md), inline or as a file name",
                "grid: 'task..length' is not a path such as model.layers[0].hiddenSize");
        assertThat(problems("study: x\nbase: other.json\n", null)).containsExactly("base: no file other.json");
        assertThatThrownBy(() -> expand("[1, 2]", null)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("a study spec must be an object with the fields study, description, source, base, variants, grid, "
                        + "zip, seeds, report, scales, found a list [1, 2]");
    }

    @Test
    void axesMustBeUsedOnceAndXAndScaleGridMustNameAxes() {
        assertThat(problems("study: axes\n" + BASE + """
                variants:
                  - label: a
                    grid: {task.length: [2]}
                grid:
                  task.length: [3]
                  optimizer.lr: [0.1]
                report: {x: batchSize}
                scales:
                  quick: {grid: {budget.updates: [1]}}
                """, null)).containsExactly(
                "the axis task.length is in grid and in variants[0].grid; a run can take only one value for it",
                "report.x: 'batchSize' is not an axis of the study; axes: task.length, optimizer.lr",
                "scales.quick.grid: 'budget.updates' is not an axis of the study; axes: task.length, optimizer.lr");
    }

    @Test
    void anUnknownScaleListsTheKnownOnes() {
        String yaml = "study: s\n" + BASE + "scales:\n  quick: {seeds: [1]}\n  paper: {seeds: [1, 2]}\n";
        assertThat(problems(yaml, "tiny")).containsExactly("--scale tiny: no such scale; known scales: quick, paper");
        assertThat(problems("study: s\n" + BASE, "tiny")).containsExactly("--scale tiny: the study has no scales");
        assertThat(problems(yaml + "grid: {task.length: [2]}\nzip: [{optimizer.lr: [0.1, 0.2], batchSize: [1, 2]}]\n"
                + "scales:\n  bad: {grid: {batchSize: [4]}}\n", "bad")).isNotEmpty();
    }

    @Test
    void aScaleThatUnevensAZipIsRefused() {
        String yaml = "study: s\n" + BASE + """
                zip:
                  - optimizer.lr: [0.1, 0.2]
                    batchSize: [1, 2]
                scales:
                  bad: {grid: {batchSize: [4]}}
                """;
        assertThat(problems(yaml, "bad")).containsExactly(
                "zip (after --scale bad)[0]: zipped lists must be of equal length, found optimizer.lr has 2, batchSize has 1");
    }

    @Test
    void everyRunIsCheckedBeforeAnythingRunsAndSharedProblemsAreGrouped() {
        assertThat(problems("study: bad\n" + BASE + """
                variants:
                  - label: elman
                    grid:
                      model.layers[0].options.activation: [tanh, tahn]
                  - label: lstm
                    set:
                      model.layers[0].cell: lstm
                      model.layers[3].hiddenSize: 2
                grid:
                  task.length: [2, 0]
                seeds: [1, 2]
                """, null)).containsExactly(
                "run 0002 (variant elman, model.layers[0].options.activation=tanh, task.length=0, seed 1): task.length must be "
                        + ">= 1, found 0 (and 3 more runs)",
                "run 0004 (variant elman, model.layers[0].options.activation=tahn, task.length=2, seed 1): "
                        + "model.layers[0].options.activation: unknown activation 'tahn'; did you mean 'tanh'? Known "
                        + "activations: elu, hard_sigmoid, hard_tanh, identity, leaky_relu, relu, sigmoid, softplus, softsign, "
                        + "tanh (and 3 more runs)",
                "run 0008 (variant lstm, task.length=2, seed 1): setting model.layers[3].hiddenSize=2: model.layers has 1 "
                        + "entry, so model.layers[3] does not exist (and 3 more runs)");
    }

    @Test
    void aBadSetOfTheScaleOrTheCommandLineIsReportedOnce() {
        String yaml = "study: s\n" + BASE + "scales:\n  q: {set: {budget.update: 3}}\n";
        assertThat(problems(yaml, "q")).containsExactly("scales.q.set: setting budget.update=3: budget has no field 'update'; "
                + "did you mean 'updates'? Known fields: updates, seconds");
        assertThatThrownBy(() -> expand("study: s\n" + BASE, null, "budget.update=3"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("--set budget.update=3: budget has no field 'update'; did you mean 'updates'? Known fields: "
                        + "updates, seconds");
    }

    @Test
    void aBaseFileIsReadRelativeToTheStudyFile(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("studies"));
        Files.writeString(dir.resolve("studies/base.json"),
                "{\"task\": {\"name\": \"toy_sum\", \"length\": 3}, \"model\": {\"layers\": [{\"cell\": \"rnn\", "
                        + "\"hiddenSize\": 4}]}}");
        Files.writeString(dir.resolve("studies/s.yaml"), "study: s\nbase: base.json\ngrid: {task.length: [2, 5]}\n");
        Study s = Study.load(dir.resolve("studies/s.yaml"), null, List.of(), REGISTRIES);
        assertThat(settings(s)).containsExactly("0000 task.length=2, seed 1", "0001 task.length=5, seed 1");
        Files.writeString(dir.resolve("studies/s.yaml"), "study: s\nbase: other.json\n");
        assertThatThrownBy(() -> Study.load(dir.resolve("studies/s.yaml"), null, List.of(), REGISTRIES))
                .hasMessage("base: cannot read other.json (relative to the study file): no such file");
        Files.writeString(dir.resolve("studies/base.json"), "{\"task\": ");
        Files.writeString(dir.resolve("studies/s.yaml"), "study: s\nbase: base.json\n");
        assertThatThrownBy(() -> Study.load(dir.resolve("studies/s.yaml"), null, List.of(), REGISTRIES))
                .hasMessageStartingWith("base base.json: the file is not valid JSON at line 1");
    }
}
