package org.rnnlab.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.spec.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rnnlab bench}: training throughput on the adding problem, one JSON line per
 * configuration, with the field names of {@code peers/torch_bench.py} so the two can be
 * compared line by line. See docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time training updates on the adding problem as peers/torch_bench.py times PyTorch: 1 layer, "
                + "a linear readout on the last step, MSE, global-norm clipping at 1.0 (epsilon 1e-6), SGD, double "
                + "precision. Prints one JSON line per cell and hidden size."})
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    RnnlabCommand parent;

    @Option(names = "--cell", split = ",", paramLabel = "NAME", defaultValue = "rnn,lstm,gru",
            description = "Cells, comma-separated, as 'rnnlab plugins' lists them (default: ${DEFAULT-VALUE}).")
    List<String> cells;

    @Option(names = "--hidden", split = ",", paramLabel = "N", defaultValue = "32,128,512",
            description = "Hidden sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq-len", paramLabel = "T", defaultValue = "100", description = "Steps per sequence (default: ${DEFAULT-VALUE}).")
    int seqLen;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads for large products, at most 2 are used (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "Untimed updates first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3",
            description = "Go on with untimed updates until S seconds have passed, so that the JIT has compiled the "
                    + "loops before the timing starts; 0 for exactly --warmup updates (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20",
            description = "Timed updates; the median is reported (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.01", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1234", description = "Seed of the weights and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pool", paramLabel = "N", defaultValue = "4",
            description = "Batches generated before timing and cycled (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--out", paramLabel = "FILE", description = "Also append the JSON lines to this file.")
    Path out;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        List<String> problems = validate(cli);
        if (!problems.isEmpty()) {
            cli.printProblems(null, problems);
            return Cli.USAGE;
        }
        Path file = out == null ? null : cli.workingDirectory.resolve(out);
        cli.err.println("# rnnlab " + Version.get() + ", " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
                + Runtime.getRuntime().maxMemory() + " bytes");
        cli.err.println("# products: " + org.rnnlab.kernels.Kernels.productPath()
                + " through org.rnnlab.kernels.Kernels");
        cli.err.println("# tanh and sigmoid: " + org.rnnlab.kernels.ElementFunctions.path()
                + " through org.rnnlab.kernels.ElementFunctions");
        int threadsUsed = Math.min(threads, 2);
        if (threads > 1) {
            cli.err.println("# --threads " + threads + ": products of at least "
                    + org.rnnlab.kernels.Kernels.parallelProductThreshold() + " multiply-adds, and tanh and sigmoid"
                    + " over at least " + org.rnnlab.kernels.ElementFunctions.PARALLEL_LENGTH + " values, split between "
                    + threadsUsed + " threads; the rest of an update runs on one");
        }
        cli.err.flush();
        int previousThreads = org.rnnlab.kernels.Kernels.productThreads();
        org.rnnlab.kernels.Kernels.setProductThreads(threadsUsed);
        try {
            for (String cell : cells) {
                for (int h : hidden) {
                    TrainingBench bench = new TrainingBench(cli.registries, cell, h, batch, seqLen, lr, pool, seed);
                    TrainingBench.Timing timing = bench.run(warmup, warmupSeconds, steps);
                    double flops = TrainingBench.estFlopsPerUpdate(bench.model(), batch, seqLen);
                    Map<String, Object> record = TrainingBench.record(cell, h, batch, seqLen, threads, threadsUsed,
                            steps, flops, timing, Version.get());
                    String line = json(record);
                    cli.out.println(line);
                    cli.out.flush();
                    if (file != null) {
                        append(file, line);
                    }
                }
            }
        } finally {
            org.rnnlab.kernels.Kernels.setProductThreads(previousThreads);
        }
        return Cli.OK;
    }

    private List<String> validate(Cli cli) {
        List<String> problems = new ArrayList<>();
        for (String cell : cells) {
            cli.registries.cells().create(cell, Map.of(), "--cell", problems);
        }
        for (int h : hidden) {
            if (h < 1) {
                problems.add("--hidden must be > 0, found " + h);
            }
        }
        if (batch < 1) {
            problems.add("--batch must be > 0, found " + batch);
        }
        if (seqLen < 2) {
            problems.add("--seq-len must be >= 2 (one marked position in each half), found " + seqLen);
        }
        if (threads < 1) {
            problems.add("--threads must be > 0, found " + threads);
        }
        if (warmup < 0) {
            problems.add("--warmup must be >= 0, found " + warmup);
        }
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            problems.add("--warmup-seconds must be >= 0 and finite, found " + warmupSeconds);
        }
        if (steps < 1) {
            problems.add("--steps must be > 0, found " + steps);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            problems.add("--lr must be > 0 and finite, found " + lr);
        }
        if (pool < 1) {
            problems.add("--pool must be > 0, found " + pool);
        }
        return problems;
    }

    private static String json(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
