package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Plugin;

/** Running a study into a folder: tables, determinism across workers, failed runs, resuming and refusals. */
class StudyRunnerTest {
    static final Registries REGISTRIES = TestRegistries.with(Map.of(PluginKind.TASK,
            List.<Plugin<?>>of(new org.rnnlab.experiments.spec.ToySumTask(), new BrokenDataTask())));

    /** Eight small runs of the adding task (T = 10 and 12, 20 updates): two activations, two lengths, two seeds. */
    static final String EIGHT = """
            study: eight
            base:
              task: {name: adding, length: 10}
              model:
                layers: [{cell: rnn, hiddenSize: 4}]
              optimizer: {name: adam, lr: 0.01}
              batchSize: 8
              budget: {updates: 20}
              evaluation: {every: 10, batches: 1, batchSize: 16}
              record: {every: 5, diagnosticsEvery: 10}
            grid:
              model.layers[0].options.activation: [tanh, relu]
              task.length: [10, 12]
            seeds: [1, 2]
            """;

    @TempDir
    Path dir;

    static Study study(String yaml, String... sets) {
        return Study.expand(SpecFiles.parse(yaml, true), name -> {
            throw new InvalidSpecException(List.of("no base files here"));
        }, null, List.of(sets), REGISTRIES);
    }

    static StudyResult run(Study study, Path folder, int workers) throws IOException {
        return new StudyRunner(REGISTRIES).workers(workers).run(study, folder);
    }

    /** results.csv without its last column, wall_seconds, the one that depends on timing. */
    static String withoutWallSeconds(Path results) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(results)) {
            sb.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        return sb.toString();
    }

    @Test
    void oneAndTwoWorkersWriteTheSameTables() throws IOException {
        Study study = study(EIGHT);
        StudyResult one = run(study, dir.resolve("one"), 1);
        StudyResult two = run(study, dir.resolve("two"), 2);
        assertThat(one.rows()).hasSize(8);
        assertThat(one.ran()).isEqualTo(8);
        assertThat(withoutWallSeconds(two.results())).isEqualTo(withoutWallSeconds(one.results()));
        assertThat(Files.readString(two.summaryFile())).isEqualTo(Files.readString(one.summaryFile()));

        List<String> results = Files.readAllLines(one.results());
        assertThat(results).hasSize(9);
        assertThat(results.get(0)).isEqualTo("run,variant,model.layers[0].options.activation,task.length,seed,status,updates,"
                + "updates_to_solve,final_loss,test_loss,test_error_rate,baseline_loss,loss_to_baseline,message,wall_seconds");
        assertThat(results.subList(1, 9)).extracting(l -> l.substring(0, l.indexOf(",", 16)))
                .containsExactly("0000,,tanh,10,1,budget", "0001,,tanh,10,2,budget", "0002,,tanh,12,1,budget", "0003,,tanh,12,2,budget",
                        "0004,,relu,10,1,budget", "0005,,relu,10,2,budget", "0006,,relu,12,1,budget", "0007,,relu,12,2,budget");
        List<String> summary = Files.readAllLines(one.summaryFile());
        assertThat(summary.get(0)).isEqualTo("variant,model.layers[0].options.activation,task.length,runs,solved,success_rate,"
                + "success_low,success_high,median_updates_to_solve,median_final_loss");
        assertThat(summary).hasSize(5);
        assertThat(summary.get(1)).startsWith(",tanh,10,2,0,0.0,");

        // every run has its own folder as rnnlab train writes it, without plots
        try (var files = Files.list(dir.resolve("one/runs/0005"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("diagnostics.jsonl", "metrics.csv",
                    "model.safetensors", "spec.json", "summary.json");
        }
        assertThat(Files.readAllLines(dir.resolve("two/journal.jsonl"))).hasSize(8);
        Map<?, ?> plan = (Map<?, ?>) SpecFiles.parse(Files.readString(dir.resolve("one/study.json")), false);
        assertThat(plan.keySet()).extracting(Object::toString)
                .containsExactly("rnnlab", "sha256", "spec", "scale", "axes", "x", "runs");
        assertThat(plan.get("sha256")).isEqualTo(study.plan().sha256());
        assertThat(((List<?>) plan.get("runs")).get(3).toString())
                .isEqualTo("{id=0003, variant=null, values={model.layers[0].options.activation=tanh, task.length=12}, seed=2}");
    }

    static final String TOY = """
            study: toy
            base:
              task: {name: toy_sum, length: 3}
              model:
                layers: [{cell: rnn, hiddenSize: 4}]
              optimizer: {name: adam, lr: 0.01}
              batchSize: 8
              budget: {updates: 20}
              evaluation: {every: 10, batches: 1, batchSize: 16}
              record: {every: 10, diagnosticsEvery: 0}
            variants:
              - label: easy
                set: {task.solvedErrorRate: 1}
              - label: hard
                set: {task.solvedErrorRate: 0}
              - label: broken
                set: {task: broken_data}
            seeds: [3]
            """;

    @Test
    void aRowHoldsTheRunsResultsAndAFailedRunDoesNotStopTheOthers() throws IOException {
        StudyResult r = run(study(TOY), dir, 2);
        List<String> rows = Files.readAllLines(r.results());
        assertThat(rows.get(0)).isEqualTo("run,variant,seed,status,updates,updates_to_solve,final_loss,test_loss,"
                + "test_error_rate,baseline_loss,loss_to_baseline,message,wall_seconds");
        Map<?, ?> easy = (Map<?, ?>) SpecFiles.parse(Files.readString(dir.resolve("runs/0000/summary.json")), false);
        Map<?, ?> evaluation = (Map<?, ?>) easy.get("evaluation");
        String[] solved = rows.get(1).split(",", -1);
        assertThat(List.of(solved).subList(0, 6)).containsExactly("0000", "easy", "3", "solved", "10", "10");
        assertThat(solved[6]).isEqualTo(easy.get("finalLoss").toString());
        assertThat(solved[7]).isEqualTo(evaluation.get("loss").toString());
        assertThat(solved[8]).isEqualTo(evaluation.get("errorRate").toString());
        assertThat(solved[9]).isEqualTo(Double.toString(1.0 / 9));
        assertThat(solved[10]).isEqualTo(easy.get("lossToBaseline").toString());
        assertThat(solved[11]).isEmpty();
        assertThat(Double.parseDouble(solved[12])).isPositive();

        String[] budget = rows.get(2).split(",", -1);
        assertThat(List.of(budget).subList(0, 6)).containsExactly("0001", "hard", "3", "budget", "20", "");

        String[] failed = rows.get(3).split(",", -1);
        assertThat(List.of(failed).subList(0, 12)).containsExactly("0002", "broken", "3", "failed", "0", "", "", "", "", "",
                "", "IllegalStateException: the data source is broken");
        assertThat(r.count("failed")).isEqualTo(1);

        // Wilson score 95% interval, written out: n = 1, k = 1 and k = 0
        double z = 1.959963984540054;
        double center = (1 + z * z / 2) / (1 + z * z);
        double half = z / (1 + z * z) * Math.sqrt(z * z / 4);
        List<String> summary = Files.readAllLines(r.summaryFile());
        assertThat(summary).hasSize(4);
        String[] s = summary.get(1).split(",", -1);
        assertThat(List.of(s).subList(0, 4)).containsExactly("easy", "1", "1", "1.0");
        assertThat(Double.parseDouble(s[4])).isCloseTo(center - half, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(Double.parseDouble(s[5])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(s[6]).isEqualTo("10.0");
        assertThat(s[7]).isEqualTo(easy.get("finalLoss").toString());
        assertThat(summary.get(2)).startsWith("hard,1,0,0.0,");
        assertThat(summary.get(2).split(",", -1)[6]).isEmpty();
        String[] broken = summary.get(3).split(",", -1);
        assertThat(List.of(broken).subList(0, 4)).containsExactly("broken", "1", "0", "0.0");
        assertThat(List.of(broken).subList(6, 8)).containsExactly("", "");
    }
}
