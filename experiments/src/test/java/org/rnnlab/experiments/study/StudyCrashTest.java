package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.experiments.study.StudyRunnerTest.withoutWallSeconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.registry.Registries;

/**
 * A real {@code rnnlab study} process killed with SIGKILL part-way, then resumed: the tables equal
 * those of a study that was never interrupted.
 */
class StudyCrashTest {
    static final String SPEC = """
            study: crash
            base:
              task: {name: adding, length: 10}
              model:
                layers: [{cell: rnn, hiddenSize: 4}]
              optimizer: {name: adam, lr: 0.01}
              batchSize: 8
              budget: {updates: 150}
              evaluation: {every: 50, batches: 1, batchSize: 16}
              record: {every: 10, diagnosticsEvery: 50}
            grid:
              model.layers[0].options.activation: [tanh, relu, sigmoid]
            seeds: [1, 2]
            """;

    @TempDir
    Path dir;

    @Test
    void aKilledStudyResumesToTheSameTables() throws Exception {
        Path spec = dir.resolve("crash.yaml");
        Files.writeString(spec, SPEC);
        Path crashed = dir.resolve("crashed");
        Path journal = crashed.resolve(StudyJournal.FILE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under surefire the class path may be one manifest-only jar; its Class-Path entry serves java -cp alike.
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.rnnlab.experiments.cli.Main", "study", spec.toString(), "--out", crashed.toString(), "--workers", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("process.log").toFile()).start();
        int lines = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && System.nanoTime() < deadline) {
                lines = Files.exists(journal) ? Files.readAllLines(journal).size() : 0;
                if (lines >= 2) {
                    break;
                }
                Thread.sleep(5);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(lines).as(Files.readString(dir.resolve("process.log"))).isGreaterThanOrEqualTo(2);
        int finished = Files.readAllLines(journal).size();
        assertThat(finished).as("the study was killed before its end").isLessThan(6);
        assertThat(crashed.resolve(StudyTables.RESULTS)).doesNotExist();
        // the run that was going on has a folder without summary.json
        String unfinished = PlannedRun.id(finished);
        assertThat(crashed.resolve("runs").resolve(unfinished).resolve("summary.json")).doesNotExist();

        Registries registries = Registries.standard();
        Study study = Study.load(spec, null, List.of(), registries);
        StudyResult resumed = new StudyRunner(registries).workers(2).resume(true).run(study, crashed);
        assertThat(resumed.ran()).isEqualTo(6 - finished);
        assertThat(resumed.complete()).isTrue();
        StudyResult whole = new StudyRunner(registries).workers(2).run(study, dir.resolve("whole"));
        assertThat(withoutWallSeconds(resumed.results())).isEqualTo(withoutWallSeconds(whole.results()));
        assertThat(Files.readString(resumed.summaryFile())).isEqualTo(Files.readString(whole.summaryFile()));
    }
}
