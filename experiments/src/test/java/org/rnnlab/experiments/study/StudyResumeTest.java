package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.experiments.study.StudyRunnerTest.REGISTRIES;
import static org.rnnlab.experiments.study.StudyRunnerTest.TOY;
import static org.rnnlab.experiments.study.StudyRunnerTest.study;
import static org.rnnlab.experiments.study.StudyRunnerTest.withoutWallSeconds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming a study folder, and the folders a study refuses. */
class StudyResumeTest {
    @TempDir
    Path dir;

    private StudyResult run(Study study, boolean resume) throws IOException {
        return new StudyRunner(REGISTRIES).workers(1).resume(resume).run(study, dir);
    }

    @Test
    void aFolderWithAStudyIsRefusedWithoutResume() throws IOException {
        run(study(TOY), false);
        assertThatThrownBy(() -> run(study(TOY), false)).isInstanceOf(StudyFolderException.class)
                .hasMessage(dir + " already holds a study (study.json); add --resume to continue it, or choose another --out");
    }

    @Test
    void resumingAFinishedStudyRunsNothingAndKeepsItsTables() throws IOException {
        StudyResult first = run(study(TOY), false);
        String results = Files.readString(first.results());
        StudyResult again = run(study(TOY), true);
        assertThat(again.ran()).isZero();
        assertThat(again.rows()).hasSize(3);
        assertThat(Files.readString(again.results())).isEqualTo(results);
    }

    @Test
    void resumeRefusesAnotherStudyAndSaysWhatDiffers() throws IOException {
        run(study(TOY), false);
        String advice = "; resume with the same spec, --scale and --set, or start a new study with another --out";
        assertThatThrownBy(() -> run(study(TOY, "budget.updates=30"), true)).isInstanceOf(StudyFolderException.class)
                .hasMessage(dir + " holds another study: the spec's base.budget.updates was 20 and is now 30" + advice);
        assertThatThrownBy(() -> run(study(TOY.replace("seeds: [3]", "seeds: [3, 4]")), true))
                .hasMessage(dir + " holds another study: the study now has 6 runs, the folder's has 3" + advice);
        assertThatThrownBy(() -> run(study(TOY.replace("seeds: [3]", "seeds: [5]")), true))
                .hasMessage(dir + " holds another study: run 0000 was (variant easy, seed 3) and is now (variant easy, seed 5)"
                        + advice);
    }

    @Test
    void resumeNeedsAStudyToResume() {
        assertThatThrownBy(() -> run(study(TOY), true)).isInstanceOf(StudyFolderException.class)
                .hasMessage(dir + " holds no study.json, so there is no study to resume; leave out --resume to start one");
    }

    @Test
    void aTornLastLineIsIgnoredAndUnfinishedRunsAreRunAgain() throws IOException {
        StudyResult whole = run(study(TOY), false);
        String results = withoutWallSeconds(whole.results());
        String summary = Files.readString(whole.summaryFile());
        Path journal = dir.resolve("journal.jsonl");
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(3);
        // a crash while the second line was written, while run 0002 was half done
        Files.writeString(journal, lines.get(0) + "\n" + lines.get(1).substring(0, 30));
        Files.delete(dir.resolve("results.csv"));
        Files.delete(dir.resolve("runs/0001/summary.json"));
        Path stray = dir.resolve("runs/0002/metrics.csv.partial");
        Files.writeString(stray, "update,loss\n");

        StudyResult resumed = run(study(TOY), true);
        assertThat(resumed.ran()).isEqualTo(2);
        assertThat(stray).doesNotExist();
        assertThat(dir.resolve("runs/0001/summary.json")).exists();
        assertThat(withoutWallSeconds(resumed.results())).isEqualTo(results);
        assertThat(Files.readString(resumed.summaryFile())).isEqualTo(summary);
        List<String> now = Files.readAllLines(journal);
        assertThat(now).hasSize(3).first().isEqualTo(lines.get(0));
        assertThat(now).allSatisfy(l -> assertThat(l).startsWith("{\"run\":\"000").endsWith("}"));
    }

    @Test
    void aDamagedLineBeforeTheLastIsRefused() throws IOException {
        run(study(TOY), false);
        Path journal = dir.resolve("journal.jsonl");
        List<String> lines = Files.readAllLines(journal);
        Files.writeString(journal, "{\"run\": \"00\n" + lines.get(1) + "\n");
        assertThatThrownBy(() -> run(study(TOY), true)).isInstanceOf(StudyFolderException.class)
                .hasMessage(journal + " line 1 is not a journal entry: {\"run\": \"00; only the last line may be torn, so "
                        + "the journal is damaged");
        Files.writeString(journal, lines.get(1) + "\n" + lines.get(1) + "\n");
        assertThatThrownBy(() -> run(study(TOY), true)).hasMessage(journal + " line 2 repeats run 0001");
        Files.writeString(journal, lines.get(1).replace("0001", "0009") + "\n");
        assertThatThrownBy(() -> run(study(TOY), true))
                .hasMessage(journal + " line 1 names run 0009, which the study does not have");
    }
}
