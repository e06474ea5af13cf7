package org.rnnlab.experiments.cli;

import java.nio.file.Path;
import org.rnnlab.registry.PluginConflictException;
import org.rnnlab.registry.Registries;

/** The entry point of {@code java -jar rnnlab.jar} and {@code ./rnnlab}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Registries registries;
        try {
            registries = Registries.standard();
        } catch (PluginConflictException e) {
            System.err.println("rnnlab: " + e.getMessage());
            System.exit(1);
            return;
        }
        boolean terminal = System.console() != null;
        int status = new Cli(registries, System.out, System.err, terminal, Path.of("")).execute(args);
        System.exit(status);
    }
}
