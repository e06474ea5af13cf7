package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.study.Study;
import org.rnnlab.experiments.study.StudyPresets;
import org.rnnlab.experiments.study.StudyRunner;
import org.rnnlab.params.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rnnlab demo}: the {@value #PRESET} preset at scale {@value #SCALE}, which shows in a few minutes
 * which remedies make the adding problem trainable; the README's first command.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The comparative-study demo: the " + DemoCommand.PRESET + " preset at scale " + DemoCommand.SCALE
                + " (Elman networks with sigmoid, tanh and relu, Gaussian, orthogonal and identity recurrent weights, "
                + "with and without gradient clipping, beside LSTM, GRU and IndRNN on the adding problem; "
                + "docs/presets.md). Same as: rnnlab study --preset " + DemoCommand.PRESET + " --scale "
                + DemoCommand.SCALE + ".",
            "Ends with the table of which configurations solved the task and the path of report.html."})
final class DemoCommand implements Callable<Integer> {
    static final String PRESET = "trainability-tour";
    static final String SCALE = "quick";

    @ParentCommand
    RnnlabCommand parent;

    @Option(names = "--out", paramLabel = "DIR", description = "The study's folder. Default: studies/" + PRESET
            + "-<timestamp>.")
    Path out;

    @Option(names = "--workers", paramLabel = "N",
            description = "Runs trained at once, each on one thread. Default: the available processors.")
    Integer workers;

    @Option(names = "--resume", description = "Continue an interrupted demo in --out DIR.")
    boolean resume;

    @Option(names = "--scale", paramLabel = "NAME", description = "quick (default) or paper, the published budget.")
    String scale = SCALE;

    @Override
    public Integer call() throws IOException {
        Cli cli = parent.cli;
        if (workers != null && workers < 1) {
            throw new UsageException("--workers must be >= 1, found " + workers);
        }
        if (resume && out == null) {
            throw new UsageException("--resume needs --out DIR, the folder of the demo to resume");
        }
        Study study;
        try {
            study = StudyPresets.load(PRESET, scale, List.of(), cli.registries);
        } catch (InvalidSpecException e) {
            cli.printProblems("preset " + PRESET, e.problems());
            return Cli.USAGE;
        }
        Path directory = out != null ? cli.workingDirectory.resolve(out)
                : StudyCommand.defaultDirectory(cli.workingDirectory, study);
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        return StudyCommand.runAndReport(cli, study, scale, directory, n + (n == 1 ? " worker" : " workers"),
                new StudyRunner(cli.registries).workers(n).resume(resume), null);
    }
}
