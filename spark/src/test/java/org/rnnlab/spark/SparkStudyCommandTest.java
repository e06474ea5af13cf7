package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.cli.Cli;
import org.rnnlab.registry.Registries;

/** {@code rnnlab study --engine spark} on the command line, and the local engine kept free of Spark. */
class SparkStudyCommandTest {
    /** Two small runs of the adding task. */
    static final String TWO = """
            study: two
            base:
              task: {name: adding, length: 10}
              model:
                layers: [{cell: rnn, hiddenSize: 3}]
              optimizer: {name: adam, lr: 0.01}
              batchSize: 4
              budget: {updates: 10}
              evaluation: {every: 5, batches: 1, batchSize: 8}
              record: {every: 5, diagnosticsEvery: 5}
            seeds: [1, 2]
            """;

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    Run rnnlab(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(Registries.standard(), out, err, false, dir).execute(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStudyOnEmbeddedSparkWritesTheResultsOfTheLocalPool() throws IOException {
        Files.writeString(dir.resolve("six.yaml"), SparkStudyEngineTest.STUDY);
        Run pool = rnnlab("study", "six.yaml", "--out", "pool", "--workers", "2");
        Run spark = rnnlab("study", "six.yaml", "--out", "spark", "--engine", "spark", "--master", "local[2]");

        assertThat(spark.out()).startsWith("rnnlab: study spark-six: 6 runs into " + dir.resolve("spark")
                + " on the spark engine at local[2]\n");
        // Two runs of the broken task fail on both engines.
        assertThat(spark.status()).isEqualTo(Cli.FAILED).isEqualTo(pool.status());
        assertThat(spark.err()).isEqualTo("rnnlab: 2 runs failed; see the message column of "
                + dir.resolve("spark/results.csv") + "\n");
        assertThat(SparkStudyEngineTest.withoutLastColumn(dir.resolve("spark/results.csv")))
                .isEqualTo(SparkStudyEngineTest.withoutLastColumn(dir.resolve("pool/results.csv")));
        assertThat(Files.readString(dir.resolve("spark/summary.csv")))
                .isEqualTo(Files.readString(dir.resolve("pool/summary.csv")));
    }

    @Test
    void aMisspeltMasterIsAUsageErrorBeforeAnythingIsWritten() throws IOException {
        Files.writeString(dir.resolve("two.yaml"), TWO);
        Run r = rnnlab("study", "two.yaml", "--out", "s", "--engine", "spark", "--master", "spark//127.0.0.1:7077");
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo("rnnlab: --master must be a Spark master URL (local, local[N], local[*], local[N,F] "
                + "for F attempts per task, spark://HOST:PORT, yarn or k8s://...), found 'spark//127.0.0.1:7077'\n");
        assertThat(dir.resolve("s")).doesNotExist();
    }

    /**
     * A study on the local engine in a JVM of its own, with Spark on the classpath as in this module's
     * tests: the JVM's class-loading log must not name a single class of Spark or Scala.
     */
    @Test
    void theLocalEngineLoadsNoSparkClass() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("two.yaml"), TWO);
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "org.rnnlab.experiments.cli.Main", "study", "two.yaml", "--out", "s", "--workers", "1"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).anyMatch(l -> l.contains("org.rnnlab.experiments.study.StudyRunner "));
        assertThat(loaded.stream().filter(l -> l.contains(" org.apache.spark.") || l.contains(" scala.")
                || l.contains(" org.rnnlab.spark.SparkStudyEngine"))).isEmpty();
        assertThat(dir.resolve("s/results.csv")).exists();
    }
}
