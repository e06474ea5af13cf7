package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seam for other engines: a study trained by an engine of the test's own against the pool's. */
class StudyEngineTest {
    @TempDir
    Path dir;

    /** Trains the runs one at a time, last first, as another engine might order them. */
    static final class Backwards implements StudyEngine {
        final List<String> trained = new ArrayList<>();

        @Override
        public void train(Study study, List<Integer> runs, Path directory, StudyListener listener, Finished finished)
                throws IOException {
            for (int k = runs.size() - 1; k >= 0; k--) {
                int i = runs.get(k);
                PlannedRun run = study.plan().runs().get(i);
                trained.add(run.id());
                finished.run(i, StudyRunner.train(run, study.experimentTree(i), StudyRunnerTest.REGISTRIES,
                        directory.resolve(StudyRunner.RUNS).resolve(run.id()), listener));
            }
        }
    }

    @Test
    void anotherEngineWritesTheTablesThePoolWrites() throws IOException {
        Study study = StudyRunnerTest.study(StudyRunnerTest.EIGHT);
        StudyResult pool = StudyRunnerTest.run(study, dir.resolve("pool"), 2);
        Backwards engine = new Backwards();
        StudyResult other = new StudyRunner(StudyRunnerTest.REGISTRIES).engine(engine).run(study, dir.resolve("other"));

        assertThat(engine.trained).containsExactly("0007", "0006", "0005", "0004", "0003", "0002", "0001", "0000");
        assertThat(StudyRunnerTest.withoutWallSeconds(other.results()))
                .isEqualTo(StudyRunnerTest.withoutWallSeconds(pool.results()));
        assertThat(Files.readString(other.summaryFile())).isEqualTo(Files.readString(pool.summaryFile()));
        // The journal is in the order the engine finished the runs; the tables are in run order.
        assertThat(Files.readAllLines(dir.resolve("other/journal.jsonl")).get(0)).startsWith("{\"run\":\"0007\"");
    }

    @Test
    void aResumedStudyGivesTheEngineOnlyItsUnfinishedRuns() throws IOException {
        Study study = StudyRunnerTest.study(StudyRunnerTest.EIGHT);
        Path folder = dir.resolve("s");
        StudyRunnerTest.run(study, folder, 1);
        List<String> journal = Files.readAllLines(folder.resolve("journal.jsonl"));
        Files.write(folder.resolve("journal.jsonl"), journal.subList(0, 5));
        Backwards engine = new Backwards();
        StudyResult resumed = new StudyRunner(StudyRunnerTest.REGISTRIES).engine(engine).resume(true).run(study, folder);
        assertThat(engine.trained).containsExactlyInAnyOrderElementsOf(
                journal.subList(5, 8).stream().map(l -> l.substring(8, 12)).toList());
        assertThat(resumed.ran()).isEqualTo(3);
        assertThat(resumed.complete()).isTrue();
    }
}
