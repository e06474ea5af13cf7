package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rnnlab.checkpoint.ModelCheckpoint;
import org.rnnlab.experiments.diagnostics.GradientDecay;
import org.rnnlab.experiments.io.AtomicFiles;
import org.rnnlab.experiments.plots.DecayPlots;
import org.rnnlab.experiments.spec.Experiment;
import org.rnnlab.experiments.spec.RecordedRun;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.spec.SpecOverride;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Model;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.Task;
import org.rnnlab.training.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rnnlab diagnose}: how the gradient decays with the lag at initialization (or in a trained
 * model), for each value of one spec field, without training.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Without training: build the spec's model, run one training batch of its task forward and "
                + "backward, and plot how the gradient decays with the lag (||dL/dh_t|| against T - t, and the "
                + "Jacobian norms against the lag), one line per value of --grid. Writes decay-flow and "
                + "decay-jacobian (.png, .svg) and diagnose.json to the output folder.",
            "With --model FILE --task SPEC, measures a trained model on a batch of SPEC's task instead."})
final class DiagnoseCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    static final String JSON = "diagnose.json";

    @ParentCommand
    RnnlabCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The spec file whose model and task to use.")
    Path specFile;

    @Option(names = "--model", paramLabel = "FILE", description = "A model written by 'rnnlab train' to measure instead.")
    Path modelFile;

    @Option(names = "--task", paramLabel = "SPEC", description = "With --model: the spec file supplying the task.")
    Path taskFile;

    @Option(names = "--out", paramLabel = "DIR", description = "The output folder (created; must not hold an earlier diagnose). "
            + "Default: runs/<spec name>-diagnose-<timestamp>.")
    Path out;

    @Option(names = "--grid", paramLabel = "PATH=V1,V2,...", description = "Vary one spec field, one line per value, "
            + "e.g. model.layers[0].init.recurrent=normal,orthogonal,identity or "
            + "model.layers[0].options.activation=sigmoid,tanh,relu.")
    String grid;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Change a field first, as 'rnnlab train --set'. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Cli cli = parent.cli;
        if (modelFile != null && (specFile != null || taskFile == null)) {
            throw new UsageException("--model needs --task SPEC, and no SPEC before it: rnnlab diagnose --model FILE --task SPEC");
        }
        if (modelFile == null && (specFile == null || taskFile != null)) {
            throw new UsageException("give a SPEC (rnnlab diagnose SPEC) or a model and a task "
                    + "(rnnlab diagnose --model FILE --task SPEC)");
        }
        if (modelFile != null && grid != null) {
            throw new UsageException("--grid varies a spec's model; it cannot be used with --model");
        }
        Path source = modelFile == null ? specFile : taskFile;
        Object tree = read(cli.workingDirectory.resolve(source), source);
        Path directory = out != null ? cli.workingDirectory.resolve(out) : defaultDirectory(cli.workingDirectory, source);
        // Before measuring, which can take a while: an earlier diagnose's figures are not to be overwritten.
        existingDiagnoseFile(directory).ifPresent(name -> {
            throw new UsageException(directory + " already holds a diagnose (" + name + "); choose another --out");
        });
        List<GradientDecay> decays = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        String title;
        try {
            if (modelFile == null) {
                title = measureGrid(cli, tree, decays, json);
            } else {
                Experiment experiment = SpecFiles.resolve(tree, SpecOverride.parseAll(sets), cli.registries);
                Model model = ModelCheckpoint.load(cli.workingDirectory.resolve(modelFile), cli.registries);
                Task task = experiment.task();
                if (model.spec().inputSize() != task.inputSize() || model.spec().outputSize() != task.outputSize()) {
                    throw new UsageException("the model " + modelFile + " reads " + model.spec().inputSize()
                            + " features and writes " + model.spec().outputSize() + " outputs, but the task "
                            + task.name() + " of " + taskFile + " has " + task.inputSize() + " and " + task.outputSize());
                }
                json.put("model", modelFile.toString());
                decays.add(measure(experiment, model, modelFile.getFileName().toString()));
                title = " (" + modelFile.getFileName() + ")";
            }
        } catch (InvalidSpecException e) {
            cli.printProblems(source.toString(), e.problems());
            return Cli.USAGE;
        }
        Files.createDirectories(directory);
        List<String> files = new ArrayList<>(DecayPlots.write(decays, title, directory));
        json.put("results", decays.stream().map(d -> (Object) d.toJson()).toList());
        AtomicFiles.writeString(directory.resolve(JSON), SpecFiles.toJson(json));
        files.add(JSON);
        for (GradientDecay d : decays) {
            double[] byLag = d.flowByLag(0);
            cli.out.println(String.format(java.util.Locale.ROOT, "%s: loss %s, ||dL/dh_T|| %s, ||dL/dh_0|| %s (T = %d)",
                    d.label(), Progress.number(d.loss()), Progress.number(byLag[0]),
                    Progress.number(byLag[byLag.length - 1]), d.steps()));
        }
        cli.out.println("wrote " + directory + ": " + String.join(", ", files));
        return Cli.OK;
    }

    private String measureGrid(Cli cli, Object tree, List<GradientDecay> decays, Map<String, Object> json) {
        json.put("spec", specFile.toString());
        if (grid == null) {
            Experiment experiment = SpecFiles.resolve(tree, SpecOverride.parseAll(sets), cli.registries);
            decays.add(measure(experiment, experiment.newModel(), "spec"));
            return "";
        }
        int eq = grid.indexOf('=');
        if (eq <= 0 || eq == grid.length() - 1) {
            throw new InvalidSpecException(List.of("--grid " + grid + ": expected path=value1,value2,..., such as "
                    + "model.layers[0].options.activation=sigmoid,tanh,relu"));
        }
        String path = grid.substring(0, eq).trim();
        List<String> values = List.of(grid.substring(eq + 1).split(",", -1));
        Set<String> problems = new LinkedHashSet<>();
        for (String value : values) {
            String v = value.strip();
            if (v.isEmpty()) {
                problems.add("--grid " + grid + ": an empty value; separate values by single commas");
                continue;
            }
            Object copy = SpecFiles.parse(SpecFiles.toJson(tree), false);
            List<SpecOverride> overrides = new ArrayList<>(SpecOverride.parseAll(sets));
            SpecOverride o;
            try {
                o = SpecOverride.parse(path + "=" + v);
            } catch (InvalidSpecException e) {
                e.problems().forEach(p -> problems.add(p.replaceFirst("^--set " + java.util.regex.Pattern.quote(path + "=" + v),
                        java.util.regex.Matcher.quoteReplacement("--grid " + grid))));
                continue;
            }
            overrides.add(o);
            try {
                Experiment experiment = SpecFiles.resolve(copy, overrides, cli.registries);
                decays.add(measure(experiment, experiment.newModel(), v));
            } catch (InvalidSpecException e) {
                String setPrefix = "--set " + path + "=" + v + ": ";
                for (String p : e.problems()) {
                    problems.add(p.startsWith(setPrefix) ? "--grid " + grid + ": " + p.substring(setPrefix.length())
                            : "--grid " + grid + ": value '" + v + "': " + p);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(List.copyOf(problems));
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("path", path);
        g.put("values", values.stream().map(String::strip).toList());
        json.put("grid", g);
        return ", by " + path;
    }

    private static GradientDecay measure(Experiment experiment, Model model, String label) {
        Batch batch = experiment.task().data(experiment.spec().seed(), Split.TRAIN, experiment.spec().batchSize()).batch(0);
        return GradientDecay.measure(label, model, batch,
                new RandomStreams(experiment.spec().seed()).stream(RecordedRun.DIAGNOSTICS_STREAM));
    }

    private static Object read(Path file, Path shown) throws IOException {
        try {
            return SpecFiles.parse(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read spec file " + shown + ": no such file");
        }
    }

    /** The first file a diagnose writes that {@code directory} already holds, if any. */
    static Optional<String> existingDiagnoseFile(Path directory) {
        List<String> written = new ArrayList<>(List.of(JSON));
        for (String figure : List.of(DecayPlots.FLOW, DecayPlots.JACOBIAN)) {
            written.add(figure + ".png");
            written.add(figure + ".svg");
        }
        return written.stream().filter(name -> Files.exists(directory.resolve(name))).findFirst();
    }

    private static Path defaultDirectory(Path base, Path source) {
        String name = source.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
        String stem = name + "-diagnose-" + LocalDateTime.now().format(STAMP);
        Path dir = base.resolve("runs").resolve(stem);
        for (int k = 2; Files.exists(dir); k++) {
            dir = base.resolve("runs").resolve(stem + "-" + k);
        }
        return dir;
    }
}
