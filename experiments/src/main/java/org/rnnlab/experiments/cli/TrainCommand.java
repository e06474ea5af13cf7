package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.diagnostics.DiagnosticsRecorder;
import org.rnnlab.experiments.io.RunDirectory;
import org.rnnlab.experiments.plots.RunPlots;
import org.rnnlab.experiments.spec.Experiment;
import org.rnnlab.experiments.spec.ExperimentResult;
import org.rnnlab.experiments.spec.RecordedRun;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.spec.SpecOverride;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.training.Evaluation;
import org.rnnlab.training.Status;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rnnlab train SPEC}: one run from a spec file, recorded in a folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model as a spec file (JSON, or YAML for .yaml/.yml) says, showing progress, and write "
                + "spec.json, metrics.csv, diagnostics.jsonl, model.safetensors and summary.json to the output folder, "
                + "and its figures to plots/ in it.",
            "A bad spec prints every problem and exits with 2; a run that diverges exits with 1."})
final class TrainCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @ParentCommand
    RnnlabCommand parent;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file; docs/spec.md documents its fields.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The run's folder (created; must not hold a run). Default: runs/<spec name>-<timestamp>.")
    Path out;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Change a field before the spec is checked, e.g. model.layers[0].hiddenSize=50, "
                    + "task.length=100, optimizer.lr=0.001. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads for the run's large products and gate loops; at most 2 are used, and the results are"
                    + " the same bits as on 1 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws IOException {
        Cli cli = parent.cli;
        if (threads < 1) {
            throw new UsageException("--threads must be > 0, found " + threads);
        }
        Path file = cli.workingDirectory.resolve(specFile);
        Experiment experiment;
        try {
            Object tree;
            try {
                tree = SpecFiles.parse(file);
            } catch (NoSuchFileException e) {
                throw new UsageException("cannot read spec file " + specFile + ": no such file");
            } catch (IOException e) {
                throw new UsageException("cannot read spec file " + specFile + ": " + e.getMessage(), e);
            }
            experiment = SpecFiles.resolve(tree, SpecOverride.parseAll(sets), cli.registries);
        } catch (InvalidSpecException e) {
            cli.printProblems(specFile.toString(), e.problems());
            return Cli.USAGE;
        }
        Path directory = out != null ? cli.workingDirectory.resolve(out) : defaultDirectory(cli.workingDirectory);
        RunDirectory.existingRunFile(directory).ifPresent(name -> {
            throw new UsageException(directory + " already holds a run (" + name + "); choose another --out");
        });
        PrintWriter w = cli.out;
        w.println("rnnlab: training " + specFile + " into " + directory);
        w.flush();
        List<TrainingListener> listeners = List.of(new Progress(w, cli.terminal, experiment.spec().budget().updates(),
                experiment.spec().budget().seconds()));
        ExperimentResult result;
        int previousThreads = Kernels.productThreads();
        Kernels.setProductThreads(Math.min(threads, 2));
        try {
            result = RecordedRun.train(experiment, directory, listeners);
        } finally {
            Kernels.setProductThreads(previousThreads);
        }
        report(w, result, directory);
        List<String> figures = RunPlots.write(directory);
        w.println("wrote " + directory.resolve(RunPlots.DIRECTORY) + ": " + String.join(", ", figures));
        w.flush();
        if (result.training().status() == Status.DIVERGED) {
            cli.err.println("rnnlab: the run diverged: " + result.training().message());
            return Cli.FAILED;
        }
        return Cli.OK;
    }

    private Path defaultDirectory(Path base) {
        String name = specFile.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
        String stem = name + "-" + LocalDateTime.now().format(STAMP);
        Path dir = base.resolve("runs").resolve(stem);
        for (int k = 2; Files.exists(dir); k++) {
            dir = base.resolve("runs").resolve(stem + "-" + k);
        }
        return dir;
    }

    private static void report(PrintWriter w, ExperimentResult result, Path directory) {
        TrainingResult r = result.training();
        StringBuilder sb = new StringBuilder();
        sb.append(r.status().word()).append(" after ").append(r.updates()).append(r.updates() == 1 ? " update" : " updates")
                .append(" in ").append(Progress.duration(r.seconds()));
        Evaluation e = r.lastEvaluation();
        if (e != null) {
            double baseline = result.experiment().task().baselineLoss();
            sb.append(": test loss ").append(Progress.number(e.loss()));
            if (Double.isFinite(result.lossToBaseline())) {
                sb.append(String.format(java.util.Locale.ROOT, " (%.1f%% of the baseline %s)",
                        100 * result.lossToBaseline(), Progress.number(baseline)));
            }
            sb.append(", ").append(e.metric()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.1f%%", 100 * e.errorRate())).append(" wrong");
        }
        w.println(sb);
        List<String> files = new ArrayList<>(List.of(RunDirectory.SPEC, RunDirectory.METRICS));
        if (result.experiment().spec().record().diagnosticsEvery() > 0) {
            files.add(DiagnosticsRecorder.FILE);
        }
        files.addAll(List.of(RunDirectory.MODEL, RunDirectory.SUMMARY));
        w.println("wrote " + directory + ": " + String.join(", ", files));
        w.flush();
    }
}
