package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.report.StudyFixture;

/** {@code rnnlab report DIR}: the exact message and exit status 2 for a folder it cannot report on. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private static final String STUDY_JSON = """
            {"rnnlab": "0.1.0-SNAPSHOT", "sha256": "00", "spec": {"study": "s", "description": "d"}, "scale": null,
             "axes": ["task.length"], "x": "task.length",
             "runs": [{"id": "0000", "variant": "", "values": {"task.length": 10}, "seed": 1},
                      {"id": "0001", "variant": "", "values": {"task.length": 10}, "seed": 2}]}
            """;
    private static final String HEADER = "run,variant,task.length,seed,status,updates,updates_to_solve,final_loss,test_loss,"
            + "test_error_rate,baseline_loss,loss_to_baseline,message,wall_seconds\n";
    private static final String ROW0 = "0000,,10,1,budget,30,,0.1,0.12,0.5,0.167,0.72,,1.5\n";

    private CliRun report(String folder) {
        return CliRun.run(CliTest.REGISTRIES, dir, "report", folder);
    }

    private Path study(String studyJson, String results) throws IOException {
        Path s = dir.resolve("study");
        Files.createDirectories(s);
        Files.writeString(s.resolve("study.json"), studyJson);
        if (results != null) {
            Files.writeString(s.resolve("results.csv"), results);
        }
        return s;
    }

    private void assertFails(CliRun r, String message) {
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("rnnlab: " + message + System.lineSeparator());
    }

    @Test
    void refusesAFolderThatIsNotAStudy() throws IOException {
        Files.createDirectories(dir.resolve("run"));
        assertFails(report("run"), dir.resolve("run") + " is not a study folder: found no study.json, expected the "
                + "folder that 'rnnlab study' writes (study.json, results.csv, runs/)");
        assertFails(report("nowhere"), dir.resolve("nowhere") + " is not a study folder: no such folder");
    }

    @Test
    void refusesAStudyWithoutResults() throws IOException {
        Path s = study(STUDY_JSON, null);
        assertFails(report("study"), s.resolve("results.csv") + " is missing; expected the table 'rnnlab study' writes "
                + "when the study ends (an interrupted study finishes with 'rnnlab study SPEC --out " + s + " --resume')");
    }

    @Test
    void namesTheLineOfAMalformedRow() throws IOException {
        Path s = study(STUDY_JSON, HEADER + ROW0 + "0001,,10,2,budget,30,,0.1\n");
        assertFails(report("study"), s.resolve("results.csv") + " line 3: found 8 fields, expected 14 (the header's "
                + "columns: run,variant,task.length,seed,status,updates,updates_to_solve,final_loss,test_loss,"
                + "test_error_rate,baseline_loss,loss_to_baseline,message,wall_seconds)");
    }

    @Test
    void namesTheColumnOfABadValue() throws IOException {
        Path s = study(STUDY_JSON, HEADER + ROW0 + "0001,,10,2,budget,30,,lots,0.12,0.5,0.167,0.72,,1.5\n");
        assertFails(report("study"), s.resolve("results.csv") + " line 3, column final_loss: found 'lots', expected a number");
        study(STUDY_JSON, HEADER + "0000,,10,1,finished,30,,0.1,0.12,0.5,0.167,0.72,,1.5\n");
        assertFails(report("study"), s.resolve("results.csv") + " line 2, column status: found 'finished', expected one of "
                + "budget, diverged, failed, solved");
        study(STUDY_JSON, HEADER + "0007,,10,1,budget,30,,0.1,0.12,0.5,0.167,0.72,,1.5\n");
        assertFails(report("study"), s.resolve("results.csv") + " line 2, column run: found '0007', expected a run id listed "
                + "in study.json (0000..0001)");
        study(STUDY_JSON, "run,variant,seed\n");
        assertFails(report("study"), s.resolve("results.csv") + " line 1: the header lacks columns status, updates, "
                + "updates_to_solve, final_loss, test_loss, test_error_rate, baseline_loss, loss_to_baseline, message, "
                + "wall_seconds; found run,variant,seed");
    }

    @Test
    void refusesACorruptStudyJson() throws IOException {
        Path s = study("{\"spec\": {},\n \"axes\": [}", HEADER);
        assertFails(report("study"), s.resolve("study.json") + " line 2, column 11: found text that is not JSON (Unexpected "
                + "close marker '}': expected ']'), expected the JSON object 'rnnlab study' writes");
        study("{\"spec\": {}, \"axes\": []}", HEADER);
        assertFails(report("study"), s.resolve("study.json") + ": field 'runs': found nothing, expected a list of runs");
    }

    @Test
    void writesTheReportOfAStudyFolder() throws IOException {
        StudyFixture.write(dir.resolve("s"), StudyFixture.withoutDiagnostics());
        CliRun r = report("s");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("wrote " + dir.resolve("s/report.html") + ", " + dir.resolve("s/report.md") + " and "
                + dir.resolve("s/figures") + "/" + System.lineSeparator());
        assertThat(dir.resolve("s/report.html")).isRegularFile();
    }

    @Test
    void needsAFolder() {
        CliRun r = CliRun.run(CliTest.REGISTRIES, dir, "report");
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).startsWith("rnnlab: Missing required parameter: 'DIR'");
    }
}
