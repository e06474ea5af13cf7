package org.rnnlab.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.spec.SpecOverride;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.CellType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rnnlab gradcheck --cell NAME}: a cell's gradients against central differences. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Check a registered cell's backward pass against central differences, for every parameter, "
                + "the inputs and the initial state, with full and with mixed sequence lengths. Prints the worst "
                + "relative error of each tensor; exits with 1 if any exceeds the tolerance."})
final class GradcheckCommand implements Callable<Integer> {
    @ParentCommand
    RnnlabCommand parent;

    @Option(names = "--cell", required = true, paramLabel = "NAME", description = "The cell, as 'rnnlab plugins' lists it.")
    String cell;

    @Option(names = "--input-size", paramLabel = "N", defaultValue = "3", description = "Input width (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--hidden-size", paramLabel = "N", defaultValue = "4", description = "State width (default: ${DEFAULT-VALUE}).")
    int hiddenSize;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "4", description = "Steps per sequence (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "3", description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed of the random values (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-6",
            description = "Largest relative error that passes (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--set", paramLabel = "OPTION=VALUE", description = "A cell option, e.g. activation=relu. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> size : Map.of("--input-size", inputSize, "--hidden-size", hiddenSize,
                "--steps", steps, "--batch", batch).entrySet()) {
            if (size.getValue() < 1) {
                problems.add(size.getKey() + " must be > 0, found " + size.getValue());
            }
        }
        if (!(tolerance > 0)) {
            problems.add("--tolerance must be > 0, found " + tolerance);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (String s : sets) {
            try {
                SpecOverride o = SpecOverride.parse(s);
                options.put(o.path(), o.value());
            } catch (InvalidSpecException e) {
                problems.addAll(e.problems());
            }
        }
        // An unknown name is the --cell option's problem; a bad option is named after the cell, as a registry names it.
        String path = cli.registries.cells().contains(cell) ? cell : "--cell";
        Optional<CellType> type = cli.registries.cells().create(cell, options, path, problems);
        if (!problems.isEmpty()) {
            cli.printProblems(null, problems);
            return Cli.USAGE;
        }
        GradientCheck.Report report = GradientCheck.run(type.get(), inputSize, hiddenSize, steps, batch, seed, tolerance);
        PrintWriter out = cli.out;
        out.println("gradient check of " + type.get().name() + type.get().params() + ": input " + inputSize + ", hidden "
                + hiddenSize + ", " + steps + " steps, batch " + batch + ", seed " + seed + ", tolerance " + tolerance);
        int width = report.results().stream().mapToInt(r -> r.tensor().length()).max().orElse(6);
        out.println(String.format(Locale.ROOT, "%-" + width + "s  %8s  %-20s  %s", "tensor", "elements",
                "worst relative error", "analytic / numeric there"));
        for (GradientCheck.Result r : report.results()) {
            out.println(String.format(Locale.ROOT, "%-" + width + "s  %8d  %-20s  %s / %s", r.tensor(), r.elements(),
                    String.format(Locale.ROOT, "%.2e %s", r.worstRelativeError(), r.passed() ? "ok" : "FAILED"),
                    r.analytic(), r.numeric()));
        }
        long failed = report.results().stream().filter(r -> !r.passed()).count();
        out.println(failed == 0 ? "all " + report.results().size() + " tensors pass"
                : failed + " of " + report.results().size() + " tensors fail");
        out.flush();
        return failed == 0 ? Cli.OK : Cli.FAILED;
    }
}
