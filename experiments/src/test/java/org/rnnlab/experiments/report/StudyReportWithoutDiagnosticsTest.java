package org.rnnlab.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study without an x axis and without diagnostics: a dot per configuration, and a note instead of the flow figure. */
class StudyReportWithoutDiagnosticsTest {
    @TempDir
    Path dir;

    @Test
    void saysSoInsteadOfDrawingGradientFlow() throws IOException {
        StudyFixture.write(dir, StudyFixture.withoutDiagnostics());
        Path html = StudyReport.write(dir);
        assertThat(dir.resolve("figures").resolve("gradient-flow.png")).doesNotExist();
        assertThat(dir.resolve("figures").resolve("success-rate.svg")).isRegularFile();
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("> **Note.** No gradient-flow figure: no finished run has diagnostics (run 0000: no "
                + "diagnostics.jsonl (recorded with record.diagnosticsEvery > 0), and so on for all 2 runs). Record them "
                + "with record.diagnosticsEvery > 0 in the study's base spec.\n");
        assertThat(md).contains("### Figure 1. Success rate per configuration\n", "### Figure 2. Learning curves\n")
                .doesNotContain("Figure 3", "## Source and our result");
        assertThat(md).contains("| x axis | none |", "| C1 |  | tanh | 1 | 0 | 0% | [0%, 79.3%] | – |",
                "| C2 |  | relu | 1 | 0 | 0% | [0%, 79.3%] | – |");
        String page = Files.readString(html);
        assertThat(page.split("src=\"data:image/png;base64,", -1)).hasSize(3);
        assertThat(page).contains("<div class=\"note\"><b>Note.</b> No gradient-flow figure");
    }
}
