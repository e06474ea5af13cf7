package org.rnnlab.experiments.cli;

import java.util.concurrent.Callable;
import org.rnnlab.experiments.spec.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rnnlab}: the top command; it only dispatches. */
@Command(name = "rnnlab", mixinStandardHelpOptions = true, versionProvider = RnnlabCommand.VersionProvider.class,
        description = "Train recurrent neural networks and study why they are hard to train.",
        subcommands = {PluginsCommand.class, TrainCommand.class, PredictCommand.class, GradcheckCommand.class,
            DiagnoseCommand.class, PlotCommand.class, StudyCommand.class, ReportCommand.class, DemoCommand.class,
            BenchCommand.class},
        footer = {"", "Exit status: 0 success, 1 a run failed or diverged (or a gradient check failed), "
                + "2 bad usage or a bad spec."})
final class RnnlabCommand implements Callable<Integer> {
    final Cli cli;

    @Spec
    CommandSpec spec;

    RnnlabCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.err.println("rnnlab: a command is required");
        spec.commandLine().usage(cli.err);
        return Cli.USAGE;
    }

    /** {@code rnnlab --version}. */
    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rnnlab " + Version.get()};
        }
    }
}
