package org.rnnlab.experiments.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.rnnlab.kernels.VectorWidth;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import picocli.CommandLine;

/**
 * The {@code rnnlab} command line, runnable in-process: everything it needs (plugins, output
 * streams, whether output is a terminal, the folder relative paths start from) is passed in, so
 * tests run it with their own plugins and read what it prints.
 *
 * <pre>{@code
 * int status = new Cli(Registries.standard(), System.out, System.err, false, Path.of("")).execute("plugins");
 * }</pre>
 */
public final class Cli {
    /** Success. */
    public static final int OK = 0;
    /** A run failed or diverged, or a gradient check failed. */
    public static final int FAILED = 1;
    /** Bad usage or a bad spec. */
    public static final int USAGE = 2;

    final Registries registries;
    final PrintWriter out;
    final PrintWriter err;
    final boolean terminal;
    final Path workingDirectory;

    /**
     * @param terminal whether {@code out} is a terminal: a redrawn progress bar if so, plain lines if not
     * @param workingDirectory where relative paths (the default run folder) start
     */
    public Cli(Registries registries, OutputStream out, OutputStream err, boolean terminal, Path workingDirectory) {
        this.registries = Objects.requireNonNull(registries, "registries");
        this.out = writer(out);
        this.err = writer(err);
        this.terminal = terminal;
        this.workingDirectory = workingDirectory;
    }

    private static PrintWriter writer(OutputStream s) {
        return s instanceof PrintStream p ? new PrintWriter(p, true)
                : new PrintWriter(new java.io.OutputStreamWriter(s, StandardCharsets.UTF_8), true);
    }

    /** Runs one command line; returns its exit status. */
    public int execute(String... args) {
        try {
            // A bad -Drnnlab.vectorBits would otherwise fail deep inside the first product.
            VectorWidth.checkProperty();
        } catch (IllegalArgumentException e) {
            err.println("rnnlab: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RnnlabCommand(this));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILED);
        cl.setParameterExceptionHandler((e, args) -> {
            err.println("rnnlab: " + e.getMessage());
            CommandLine c = e.getCommandLine();
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> handle(e));
        cl.getCommandSpec().usageMessage().width(100);
        return cl;
    }

    /** Prints a failure the way a person wants to read it and returns the exit status. */
    int handle(Exception e) {
        if (e instanceof InvalidSpecException spec) {
            printProblems(null, spec.problems());
            return USAGE;
        }
        if (e instanceof UsageException) {
            err.println("rnnlab: " + e.getMessage());
            return USAGE;
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            err.println("rnnlab: " + e.getMessage());
            return FAILED;
        }
        err.println("rnnlab: " + e);
        e.printStackTrace(err);
        return FAILED;
    }

    /** Every problem: one on a line after the source, or a count and a list. */
    void printProblems(String source, List<String> problems) {
        String head = "rnnlab: " + (source == null ? "" : source);
        if (problems.size() == 1) {
            err.println(head + (source == null ? "" : ": ") + problems.get(0));
            return;
        }
        err.println(head + (source == null ? "" : " has ") + problems.size() + " problems:");
        for (String p : problems) {
            err.println("- " + p);
        }
    }
}
