package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.report.StudyFileException;
import org.rnnlab.experiments.report.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rnnlab report DIR}: rebuilds a study's report from the study folder's files alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report of a study folder written by 'rnnlab study' (from its study.json, results.csv "
                + "and runs/): DIR/report.html (one self-contained file), DIR/report.md and DIR/figures/ (PNG and SVG)."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    RnnlabCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "A study's folder.")
    Path studyDirectory;

    @Override
    public Integer call() throws IOException {
        Cli cli = parent.cli;
        Path dir = cli.workingDirectory.resolve(studyDirectory);
        Path html;
        try {
            html = StudyReport.write(dir);
        } catch (StudyFileException e) {
            throw new UsageException(e.getMessage(), e);
        }
        cli.out.println("wrote " + html + ", " + dir.resolve(StudyReport.MARKDOWN) + " and " + dir.resolve(StudyReport.FIGURES)
                + "/");
        return Cli.OK;
    }
}
