package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.checkpoint.ModelCheckpoint;
import org.rnnlab.checkpoint.SafeTensors;
import org.rnnlab.experiments.io.Npy;
import org.rnnlab.experiments.io.NpyArray;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.model.Model;

/** {@code rnnlab train} end to end on a test task, and {@code rnnlab predict} on its model. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            {"task": {"name": "toy_sum", "length": 3},
             "model": {"layers": [{"cell": "rnn", "hiddenSize": 4}]},
             "optimizer": {"name": "adam", "lr": 0.01},
             "budget": {"updates": 60},
             "evaluation": {"every": 25, "batches": 1, "batchSize": 20, "stopWhenSolved": false},
             "record": {"every": 10}}
            """;

    private CliRun run(String... args) {
        return CliRun.run(CliTest.REGISTRIES, dir, args);
    }

    private Map<?, ?> json(Path file) throws IOException {
        return (Map<?, ?>) SpecFiles.parse(Files.readString(file), false);
    }

    @Test
    void writesTheRunsFiles() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC);
        CliRun r = run("train", "toy.json", "--out", "run");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path run = dir.resolve("run");
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("diagnostics.jsonl", "metrics.csv", "model.safetensors", "plots", "spec.json", "summary.json");
        }
        // plain progress lines at each evaluation, no carriage returns, then the result
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("rnnlab: training toy.json into " + run);
        assertThat(lines.get(1)).startsWith("update 25/60 loss ").contains(" test_loss ", " error_rate ", " eta ");
        assertThat(lines.get(2)).startsWith("update 50/60 ");
        assertThat(lines.get(3)).startsWith("update 60/60 ");
        assertThat(lines.get(4)).startsWith("budget after 60 updates in ").contains("% of the baseline 0.1111)",
                "squared_error_above_0.01 ");
        assertThat(lines.get(5)).isEqualTo("wrote " + run + ": spec.json, metrics.csv, diagnostics.jsonl, model.safetensors, "
                + "summary.json");
        assertThat(lines.get(6)).isEqualTo("wrote " + run.resolve("plots") + ": loss.png, loss.svg, gradient-norm.png, "
                + "gradient-norm.svg, flow-heatmap.png, flow-heatmap.svg, flow-curves.png, flow-curves.svg, spectra.png, "
                + "spectra.svg");
        assertThat(r.out()).doesNotContain("\r");

        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(csv.get(0)).isEqualTo("update,loss,gradient_norm,gradient_norm_after,learning_rate,clipped,skipped,"
                + "constrained,regularization,seconds,test_loss,test_error_rate,test_wrong,test_total");
        assertThat(csv.subList(1, csv.size())).extracting(l -> l.split(",")[0])
                .containsExactly("10", "20", "25", "30", "40", "50", "60");
        assertThat(csv.get(3).split(",", -1)).hasSize(14).satisfies(c -> assertThat(c[13]).isEqualTo("20"));
        assertThat(csv.get(1).split(",", -1)[10]).isEmpty();

        Map<?, ?> summary = json(run.resolve("summary.json"));
        assertThat(summary.get("status")).isEqualTo("budget");
        assertThat(summary.get("updates")).isEqualTo(60);
        assertThat(summary.get("baselineLoss")).isEqualTo(1.0 / 9);
        assertThat(((Map<?, ?>) summary.get("evaluation")).get("update")).isEqualTo(60);
        assertThat(summary.get("message")).isEqualTo("");

        Map<?, ?> spec = json(run.resolve("spec.json"));
        Map<?, ?> provenance = (Map<?, ?>) spec.get("provenance");
        assertThat(provenance.get("seed")).isEqualTo(1);
        assertThat(provenance.get("rnnlab")).isNotNull();
        assertThat(((Map<?, ?>) spec.get("optimizer")).get("beta1")).isEqualTo(0.9);

        Model model = ModelCheckpoint.load(run.resolve("model.safetensors"), CliTest.REGISTRIES);
        assertThat(model.spec().inputSize()).isEqualTo(1);
        Map<String, String> metadata = SafeTensors.read(run.resolve("model.safetensors")).metadata();
        assertThat(metadata).containsEntry("rnnlab.seed", "1").containsEntry("rnnlab.status", "budget")
                .containsKeys("rnnlab.version", "rnnlab.experiment");
    }

    @Test
    void aRunsSpecJsonRunsAgainToTheSameResult() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC);
        assertThat(run("train", "toy.json", "--out", "first").status()).isZero();
        CliRun again = run("train", "first/spec.json", "--out", "second");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(withoutTimes(dir.resolve("second/metrics.csv"))).isEqualTo(withoutTimes(dir.resolve("first/metrics.csv")));
    }

    private static List<String> withoutTimes(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.replaceAll("^((?:[^,]*,){9})[^,]*", "$1")).toList();
    }

    @Test
    void twoThreadsTrainTheSameModel() throws IOException {
        // Large enough for every split (products of 64 x 64 x 64, the rnn's tanh of 64 x 64 values).
        Files.writeString(dir.resolve("toy.json"), SPEC);
        String[] bigger = {"--set", "model.layers[0].hiddenSize=64", "--set", "batchSize=64", "--set", "budget.updates=8"};
        CliRun one = run(concat(new String[] {"train", "toy.json", "--out", "one"}, bigger));
        long helperBefore = helperCpuNanos();
        CliRun two = run(concat(new String[] {"train", "toy.json", "--out", "two", "--threads", "2"}, bigger));
        assertThat(helperCpuNanos()).as("CPU time of the products' helper thread: it took part").isGreaterThan(helperBefore);
        assertThat(two.status()).as(two.err()).isZero();
        assertThat(one.status()).as(one.err()).isZero();
        assertThat(org.rnnlab.kernels.Kernels.productThreads()).as("threads after the run").isEqualTo(1);
        assertThat(withoutTimes(dir.resolve("two/metrics.csv"))).isEqualTo(withoutTimes(dir.resolve("one/metrics.csv")));
        Model a = ModelCheckpoint.load(dir.resolve("one/model.safetensors"), CliTest.REGISTRIES);
        Model b = ModelCheckpoint.load(dir.resolve("two/model.safetensors"), CliTest.REGISTRIES);
        for (var p : a.namedParameters().entrySet()) {
            assertThat(b.namedParameters().get(p.getKey()).value().data).as(p.getKey())
                    .containsExactly(p.getValue().value().data);
        }
        CliRun none = run("train", "toy.json", "--out", "none", "--threads", "0");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("rnnlab: --threads must be > 0, found 0\n");
        assertThat(dir.resolve("none")).doesNotExist();
    }

    /** CPU time of the thread that takes the second half of split work, 0 before it exists. */
    private static long helperCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("rnnlab-products")) {
                return threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return 0;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void setChangesTheSpec() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC);
        CliRun r = run("train", "toy.json", "--out", "run", "--set", "budget.updates=5", "--set", "model.layers[0].hiddenSize=3");
        assertThat(r.status()).as(r.err()).isZero();
        Map<?, ?> spec = json(dir.resolve("run/spec.json"));
        assertThat(((Map<?, ?>) spec.get("budget")).get("updates")).isEqualTo(5);
        assertThat(json(dir.resolve("run/summary.json")).get("updates")).isEqualTo(5);
    }

    @Test
    void refusesAFolderThatHoldsARun() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC);
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/summary.json"), "{}");
        CliRun r = run("train", "toy.json", "--out", "run");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rnnlab: " + dir.resolve("run") + " already holds a run (summary.json); choose another --out\n");
    }

    @Test
    void refusesAFolderAnInterruptedRunLeftItsDiagnosticsIn() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC);
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/diagnostics.jsonl.partial"), "{\"update\": 1}\n");
        CliRun r = run("train", "toy.json", "--out", "run");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rnnlab: " + dir.resolve("run")
                + " already holds a run (diagnostics.jsonl.partial); choose another --out\n");
        assertThat(Files.readString(dir.resolve("run/diagnostics.jsonl.partial"))).isEqualTo("{\"update\": 1}\n");
        try (var left = Files.list(dir.resolve("run"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("diagnostics.jsonl.partial");
        }
    }

    @Test
    void theDefaultFolderIsNamedAfterTheSpec() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC.replace("\"updates\": 60", "\"updates\": 2"));
        assertThat(run("train", "toy.json").status()).isZero();
        try (var runs = Files.list(dir.resolve("runs"))) {
            assertThat(runs.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("toy-\\d{8}-\\d{6}");
        }
    }

    @Test
    void aDivergedRunExitsWithOne() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC.replace("{\"name\": \"adam\", \"lr\": 0.01}",
                "{\"name\": \"sgd\", \"lr\": 1e200}").replace("\"hiddenSize\": 4", "\"hiddenSize\": 4, \"options\": {\"activation\": \"identity\"}"));
        CliRun r = run("train", "toy.json", "--out", "run");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("rnnlab: the run diverged: ");
        Map<?, ?> summary = json(dir.resolve("run/summary.json"));
        assertThat(summary.get("status")).isEqualTo("diverged");
        assertThat((String) summary.get("message")).isNotEmpty();
    }

    @Test
    void predictsWithTheTrainedModel() throws IOException {
        Files.writeString(dir.resolve("toy.json"), SPEC);
        assertThat(run("train", "toy.json", "--out", "run").status()).isZero();
        double[] x = {0.1, -0.2, 0.3, 0.5, 0.5, 0.5};
        Npy.write(dir.resolve("x.npy"), NpyArray.of(new int[] {2, 3, 1}, x));
        CliRun r = run("predict", "--model", "run/model.safetensors", "--input", "x.npy", "--output", "y.npy");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote y.npy: (2, 1)\n");
        NpyArray y = Npy.read(dir.resolve("y.npy"));
        Model model = ModelCheckpoint.load(dir.resolve("run/model.safetensors"), CliTest.REGISTRIES);
        assertThat(y.data()[0]).isEqualTo(model.predict(new double[][] {{0.1}, {-0.2}, {0.3}})[0]);
        assertThat(y.data()[1]).isEqualTo(model.predict(new double[][] {{0.5}, {0.5}, {0.5}})[0]);

        CliRun printed = run("predict", "--model", "run/model.safetensors", "--input", "x.npy");
        assertThat(printed.out()).startsWith("sequence,y0\n0," + y.data()[0] + "\n1," + y.data()[1] + "\n");

        Npy.write(dir.resolve("wide.npy"), NpyArray.of(new int[] {1, 3, 2}, new double[6]));
        CliRun wide = run("predict", "--model", "run/model.safetensors", "--input", "wide.npy");
        assertThat(wide.status()).isEqualTo(2);
        assertThat(wide.err()).isEqualTo("rnnlab: wide.npy has shape (1, 3, 2); the model takes 1 feature per step and"
                + " needs at least one sequence and step\n");
        CliRun missing = run("predict", "--model", "nope.safetensors", "--input", "x.npy");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("rnnlab: cannot read model nope.safetensors: no such file\n");
    }
}
