package org.rnnlab.experiments.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.rnnlab.registry.Registries;

/** One in-process run of the command line: its exit status and what it printed. */
record CliRun(int status, String out, String err) {

    static CliRun run(Registries registries, Path workingDirectory, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(registries, out, err, false, workingDirectory).execute(args);
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
