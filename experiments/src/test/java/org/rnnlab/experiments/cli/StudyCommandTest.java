package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnlab study} end to end on a toy task: output, presets, refusals and usage errors. */
class StudyCommandTest {
    @TempDir
    Path dir;

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
            grid:
              task.solvedErrorRate: [1, 0]
            seeds: [3]
            """;

    private CliRun run(String... args) {
        return CliRun.run(CliTest.REGISTRIES, dir, args);
    }

    @Test
    void theSolvedTableShortensAxesAndValuesAndStatesOneValuedAxesOnce() throws IOException {
        Files.writeString(dir.resolve("toy.yaml"), TOY.replace("  task.solvedErrorRate: [1, 0]\n", """
                  task.length: [3]
                  transforms: [[], [{name: clip_global_norm, threshold: 1}]]
                  model.layers[0].hiddenSize: [4]
                """));
        CliRun r = run("study", "toy.yaml", "--out", "s", "--workers", "1");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        int start = lines.indexOf("task.length = 3 in every run");
        assertThat(start).as(r.out()).isPositive();
        assertThat(lines.subList(start, start + 5)).containsExactly(
                "task.length = 3 in every run",
                "model.layers[0].hiddenSize = 4 in every run",
                "transforms                     solved",
                "none                           0/1",
                "clip_global_norm(threshold=1)  0/1");
    }

    @Test
    void runsAStudyAndPrintsWhereTheTablesAre() throws IOException {
        Files.writeString(dir.resolve("toy.yaml"), TOY);
        CliRun r = run("study", "toy.yaml", "--out", "s", "--workers", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path s = dir.resolve("s");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("rnnlab: study toy: 2 runs into " + s + " on 1 worker");
        assertThat(lines.get(1)).startsWith("run 0000 (solvedErrorRate=1, seed 3): solved after 10 updates, error rate ")
                .contains(" [1/2 runs, 1 solved, ", " eta ");
        assertThat(lines.get(2)).startsWith("run 0001 (solvedErrorRate=0, seed 3): budget after 20 updates, error rate ")
                .contains(" [2/2 runs, 1 solved, ").doesNotContain("eta");
        assertThat(lines.get(3)).isEqualTo("wrote " + s.resolve("results.csv") + " and " + s.resolve("summary.csv"));
        assertThat(lines.subList(4, 7)).containsExactly(
                "solvedErrorRate  solved",
                "1                1/1",
                "0                0/1");
        assertThat(lines.get(7)).isEqualTo("report: " + s.resolve("report.html"));
        assertThat(r.out()).doesNotContain("\r", "\u001b");
        try (var files = Files.list(s)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("figures", "journal.jsonl", "report.html", "report.md", "results.csv", "runs", "study.json",
                            "summary.csv");
        }

        CliRun again = run("study", "toy.yaml", "--out", "s");
        assertThat(again.status()).isEqualTo(Cli.USAGE);
        assertThat(again.err()).isEqualTo("rnnlab: " + s + " already holds a study (study.json); add --resume to continue "
                + "it, or choose another --out\n");
        CliRun resumed = run("study", "toy.yaml", "--out", "s", "--resume");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming: 2 of 2 runs already finished, 0 to run\n");
        CliRun changed = run("study", "toy.yaml", "--out", "s", "--resume", "--set", "budget.updates=30");
        assertThat(changed.status()).isEqualTo(Cli.USAGE);
        assertThat(changed.err()).isEqualTo("rnnlab: " + s + " holds another study: the spec's base.budget.updates was 20 and is "
                + "now 30; resume with the same spec, --scale and --set, or start a new study with another --out\n");
    }

    @Test
    void theDefaultFolderIsUnderStudies() throws IOException {
        Files.writeString(dir.resolve("toy.yaml"), TOY.replace("[1, 0]", "[1]"));
        CliRun r = run("study", "toy.yaml", "--workers", "1");
        assertThat(r.status()).as(r.err()).isZero();
        try (var files = Files.list(dir.resolve("studies"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("toy-\\d{8}-\\d{6}");
        }
    }

    @Test
    void aPresetIsAStudyFileOnTheClassPath() {
        CliRun r = run("study", "--preset", "tiny-test", "--scale", "quick", "--out", "p");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("rnnlab: study tiny-test at scale quick: 2 runs into " + dir.resolve("p") + " on ");
        CliRun unknown = run("study", "--preset", "tiny-tset");
        assertThat(unknown.status()).isEqualTo(Cli.USAGE);
        assertThat(unknown.err()).startsWith("rnnlab: --preset tiny-tset: no such preset; available presets: ")
                .contains("tiny-test");
        CliRun scale = run("study", "--preset", "tiny-test", "--scale", "paper");
        assertThat(scale.err()).isEqualTo("rnnlab: preset tiny-test: --scale paper: no such scale; known scales: quick\n");
    }

    @Test
    void usageErrors() throws IOException {
        Files.writeString(dir.resolve("toy.yaml"), TOY);
        assertThat(run("study").err()).isEqualTo("rnnlab: give a study spec file or --preset NAME\n");
        assertThat(run("study", "toy.yaml", "--preset", "tiny-test").err())
                .isEqualTo("rnnlab: give a study spec file or --preset NAME, not both\n");
        assertThat(run("study", "toy.yaml", "--resume").err())
                .isEqualTo("rnnlab: --resume needs --out DIR, the folder of the study to resume\n");
        assertThat(run("study", "toy.yaml", "--workers", "0").err()).isEqualTo("rnnlab: --workers must be >= 1, found 0\n");
        assertThat(run("study", "missing.yaml").err())
                .isEqualTo("rnnlab: cannot read study spec file missing.yaml: no such file\n");
        CliRun resumeNothing = run("study", "toy.yaml", "--resume", "--out", "none");
        assertThat(resumeNothing.status()).isEqualTo(Cli.USAGE);
        assertThat(resumeNothing.err()).isEqualTo("rnnlab: " + dir.resolve("none") + " holds no study.json, so there is no "
                + "study to resume; leave out --resume to start one\n");
        assertThat(dir.resolve("none")).doesNotExist();
    }

    @Test
    void aBadStudyPrintsEveryProblem() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), TOY.replace("seeds: [3]", "seeds: []").replace("[1, 0]", "[1, 2]"));
        CliRun r = run("study", "bad.yaml");
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo("rnnlab: bad.yaml: seeds is an empty list; give at least one seed\n");
        Files.writeString(dir.resolve("bad.yaml"), TOY.replace("[1, 0]", "[1, 2]").replace("seeds: [3]", "seeds: [3, 4]"));
        r = run("study", "bad.yaml");
        assertThat(r.err()).isEqualTo("rnnlab: bad.yaml: run 0002 (task.solvedErrorRate=2, seed 3): task.solvedErrorRate "
                + "must be in [0, 1], found 2 (and 1 more run)\n");
        assertThat(dir.resolve("studies")).doesNotExist();
    }
}
