package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.plots.RunPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rnnlab plot DIR}: redraws a run's figures from its files alone. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw the figures of a run folder written by 'rnnlab train' (from its spec.json, metrics.csv "
                + "and diagnostics.jsonl) into DIR/plots/, as PNG and SVG."})
final class PlotCommand implements Callable<Integer> {
    @ParentCommand
    RnnlabCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "A run's folder.")
    Path runDirectory;

    @Override
    public Integer call() throws IOException {
        Cli cli = parent.cli;
        Path dir = cli.workingDirectory.resolve(runDirectory);
        for (String needed : List.of("spec.json", "metrics.csv")) {
            if (!Files.exists(dir.resolve(needed))) {
                throw new UsageException(runDirectory + " is not a finished run: it has no " + needed);
            }
        }
        List<String> files = RunPlots.write(dir);
        cli.out.println("wrote " + dir.resolve(RunPlots.DIRECTORY) + ": " + String.join(", ", files));
        return Cli.OK;
    }
}
