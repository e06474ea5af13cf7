package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.spec.TestRegistries;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;

/** The command line's usage, its listing and its messages and exit statuses for bad specs. */
class CliTest {
    static final Registries REGISTRIES = TestRegistries.withTestTasks();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(REGISTRIES, dir, args);
    }

    private Path spec(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("plugins", "train", "predict", "gradcheck")) {
            CliRun r = run(command, "--help");
            assertThat(r.status()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: rnnlab " + command);
        }
        CliRun top = run("--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).contains("plugins", "train", "predict", "gradcheck", "Exit status: 0 success");
        assertThat(run("--version").out()).startsWith("rnnlab ");
    }

    @Test
    void badUsageExitsWithTwo() {
        CliRun none = run();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).startsWith("rnnlab: a command is required\nUsage: rnnlab");
        CliRun unknown = run("train", "--bogus", "x.json");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("rnnlab: Unknown option: '--bogus'\nTry 'rnnlab train --help' for more information.\n");
        assertThat(run("predict", "--input", "x.npy").err()).startsWith("rnnlab: Missing required option: '--model=FILE'");
    }

    @Test
    void aBadVectorWidthIsRefusedBeforeAnyCommandRuns() {
        String before = System.getProperty("rnnlab.vectorBits");
        System.setProperty("rnnlab.vectorBits", "300");
        try {
            CliRun r = run("plugins");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("rnnlab: The system property rnnlab.vectorBits must be 256 or 512, found '300'\n");
        } finally {
            if (before == null) {
                System.clearProperty("rnnlab.vectorBits");
            } else {
                System.setProperty("rnnlab.vectorBits", before);
            }
        }
        assertThat(run("plugins").status()).isZero();
    }

    @Test
    void pluginsListsEveryKind() {
        CliRun r = run("plugins");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("activations (10)", "initializers (14)", "cells (8)", "gradient transforms (4)",
                "optimizers (4)", "constraints (1)", "tasks (" + REGISTRIES.tasks().names().size() + ")", "schedules (2)");
        assertThat(r.out()).contains("  rnn: Elman RNN", "      activation (activation, default tanh, the name of one of the"
                + " activations): the nonlinearity f");
        assertThat(r.out()).contains("      lr (number, default 0.01, > 0): base learning rate; a schedule scales it");
        assertThat(r.out()).contains("      path (string, no default, text): the directory holding");
    }

    @Test
    void pluginsAsJson() {
        CliRun r = run("plugins", "--json");
        assertThat(r.status()).isZero();
        Map<?, ?> tree = (Map<?, ?>) SpecFiles.parse(r.out(), false);
        assertThat(tree.keySet().stream().map(String::valueOf).toList()).containsExactly("activations", "initializers", "cells", "gradient transforms",
                "optimizers", "constraints", "regularizers", "tasks", "schedules");
        Map<?, ?> sgd = ((List<?>) tree.get("optimizers")).stream().map(Map.class::cast)
                .filter(m -> m.get("name").equals("sgd")).findFirst().orElseThrow();
        assertThat((List<?>) sgd.get("parameters")).first().isEqualTo(Map.of("name", "lr", "type", "number",
                "default", 0.01, "allowed", "> 0", "description", "base learning rate; a schedule scales it"));
    }

    private static final String GOOD = """
            {"task": {"name": "toy_sum", "length": 3},
             "model": {"layers": [{"cell": "rnn", "hiddenSize": 4}]},
             "budget": {"updates": 20},
             "evaluation": {"every": 10, "batches": 1, "batchSize": 10}}
            """;

    private void assertBadSpec(String json, String expectedErr, String... sets) throws IOException {
        spec("bad.json", json);
        String[] args = new String[3 + 2 * sets.length];
        args[0] = "train";
        args[1] = "bad.json";
        args[2] = "--out=run";
        for (int i = 0; i < sets.length; i++) {
            args[3 + 2 * i] = "--set";
            args[4 + 2 * i] = sets[i];
        }
        CliRun r = run(args);
        assertThat(r.err()).isEqualTo(expectedErr);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void unknownCell() throws IOException {
        assertBadSpec(GOOD.replace("\"rnn\"", "\"lstmm\""),
                "rnnlab: bad.json: model.layers[0].cell: unknown cell 'lstmm'; did you mean 'lstm'? Known cells: gru, indrnn, lstm, lstm_noforget, lstm_peephole, plus_rnn, rnn, ugrnn\n");
    }

    @Test
    void negativeSize() throws IOException {
        assertBadSpec(GOOD.replace("\"hiddenSize\": 4", "\"hiddenSize\": -3"),
                "rnnlab: bad.json: model.layers[0].hiddenSize must be > 0, found -3\n");
    }

    @Test
    void wrongType() throws IOException {
        assertBadSpec(GOOD.replace("\"updates\": 20", "\"updates\": \"abc\""),
                "rnnlab: bad.json: budget.updates must be a whole number, found \"abc\"\n");
    }

    @Test
    void missingTask() throws IOException {
        assertBadSpec(GOOD.replace("\"task\": {\"name\": \"toy_sum\", \"length\": 3},", ""),
                "rnnlab: bad.json: task is required; known tasks: " + String.join(", ", REGISTRIES.tasks().names()) + "\n");
    }

    @Test
    void unreadableDataFile() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("inputs.npy"), "not numpy");
        String json = GOOD.replace("{\"name\": \"toy_sum\", \"length\": 3}",
                "{\"name\": \"npy\", \"path\": \"" + data.toString().replace("\\", "\\\\") + "\"}");
        assertBadSpec(json, "rnnlab: bad.json has 2 problems:\n"
                + "- task.path: " + data.resolve("inputs.npy") + " is not a NumPy .npy file: it does not start with \\x93NUMPY\n"
                + "- task.path: cannot read " + data.resolve("targets.npy") + ": no such file\n");
    }

    @Test
    void unknownSetPath() throws IOException {
        assertBadSpec(GOOD, "rnnlab: bad.json has 2 problems:\n"
                + "- --set model.layers[2].hiddenSize=8: model.layers has 1 entry, so model.layers[2] does not exist\n"
                + "- --set budget.updatez=5: budget has no field 'updatez'; did you mean 'updates'? Known fields: updates,"
                + " seconds\n", "model.layers[2].hiddenSize=8", "budget.updatez=5");
    }

    @Test
    void manyProblemsAtOnce() throws IOException {
        assertBadSpec(GOOD.replace("\"rnn\"", "\"lstmm\"").replace("\"hiddenSize\": 4", "\"hiddenSize\": 0")
                        .replace("\"updates\": 20", "\"updates\": 0"),
                "rnnlab: bad.json has 3 problems:\n"
                        + "- budget.updates must be > 0, found 0\n"
                        + "- model.layers[0].hiddenSize must be > 0, found 0\n"
                        + "- model.layers[0].cell: unknown cell 'lstmm'; did you mean 'lstm'? Known cells: gru, indrnn, lstm, lstm_noforget, lstm_peephole, plus_rnn, rnn, ugrnn\n");
    }

    @Test
    void missingSpecFile() {
        CliRun r = run("train", "nope.json");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rnnlab: cannot read spec file nope.json: no such file\n");
    }

    @Test
    void invalidJson() throws IOException {
        assertBadSpec("{\"task\": \"toy_sum\",\n \"model\": }",
                "rnnlab: bad.json: the file is not valid JSON at line 2, column 11: Unexpected character ('}' (code 125)):"
                        + " expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n");
    }

    @Test
    void gradcheckPassesForTheElmanCell() {
        CliRun r = run("gradcheck", "--cell", "rnn", "--set", "activation=sigmoid", "--hidden-size", "5");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("gradient check of rnn{activation=sigmoid}: input 3, hidden 5, 4 steps, batch 3,"
                + " seed 7, tolerance 1.0E-6\n");
        assertThat(r.out()).contains("weight_ih ", "weight_hh ", "bias_ih ", "bias_hh ", "inputs ", "initial h ")
                .endsWith("all 6 tensors pass\n");
    }

    @Test
    void gradcheckFailsForABrokenCell() {
        Registries withBroken = TestRegistries.with(Map.of(PluginKind.CELL, List.of(new BrokenCellType())));
        CliRun r = CliRun.run(withBroken, dir, "gradcheck", "--cell", "broken");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).containsPattern("inputs +72  [0-9.e-]+ FAILED").endsWith("1 of 6 tensors fail\n");
    }

    @Test
    void gradcheckRefusesUnknownCellsAndOptions() {
        CliRun r = run("gradcheck", "--cell", "rnnn");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rnnlab: --cell: unknown cell 'rnnn'; did you mean 'rnn'? Known cells: gru, indrnn, lstm, lstm_noforget, lstm_peephole, plus_rnn, rnn, ugrnn\n");
        CliRun options = run("gradcheck", "--cell", "rnn", "--set", "activation=tahn", "--hidden-size", "0");
        assertThat(options.status()).isEqualTo(2);
        assertThat(options.err()).isEqualTo("rnnlab: 2 problems:\n"
                + "- --hidden-size must be > 0, found 0\n"
                + "- rnn.activation: unknown activation 'tahn'; did you mean 'tanh'? Known activations: "
                + String.join(", ", REGISTRIES.activations().names()) + "\n");
    }
}
