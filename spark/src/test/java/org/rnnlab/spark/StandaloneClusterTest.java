package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.cli.Cli;
import org.rnnlab.registry.Registries;

/**
 * {@code rnnlab study --engine spark --master spark://127.0.0.1:PORT} against a standalone master and
 * worker on loopback: the executors are JVMs of their own, so the runs' rows and folders travel back over
 * Spark. It takes a minute or more on two cores, so it runs only when asked for
 * ({@code -Drnnlab.spark.cluster=true}), which {@code .ci/spark-cluster} does after the build's tests.
 */
@EnabledIfSystemProperty(named = "rnnlab.spark.cluster", matches = "true")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {
    @TempDir
    Path dir;

    @Test
    void aStudyOnAStandaloneClusterWritesTheResultsOfTheLocalPool() throws Exception {
        Files.writeString(dir.resolve("six.yaml"), SparkStudyEngineTest.STUDY);
        Run pool = rnnlab("study", "six.yaml", "--out", "pool", "--workers", "2");
        long start = System.nanoTime();
        try (LoopbackCluster cluster = LoopbackCluster.start(dir.resolve("cluster"), 2)) {
            // What spark-submit or the cluster's spark-defaults.conf would say; SparkConf reads spark.* properties.
            Map<String, String> settings = Map.of(
                    "spark.executor.extraClassPath", System.getProperty("java.class.path"),
                    "spark.executor.memory", "512m",
                    "spark.driver.host", "127.0.0.1",
                    "spark.driver.bindAddress", "127.0.0.1",
                    "spark.ui.enabled", "false");
            settings.forEach(System::setProperty);
            Run spark;
            try {
                spark = rnnlab("study", "six.yaml", "--out", "spark", "--engine", "spark", "--master", cluster.masterUrl);
            } finally {
                settings.keySet().forEach(System::clearProperty);
            }
            System.err.printf("StandaloneClusterTest: cluster and study in %.1f s%n", (System.nanoTime() - start) / 1e9);
            assertThat(spark.out()).as(spark.err()).startsWith("rnnlab: study spark-six: 6 runs into " + dir.resolve("spark")
                    + " on the spark engine at " + cluster.masterUrl + "\n");
            assertThat(spark.status()).isEqualTo(pool.status()).isEqualTo(Cli.FAILED);
            assertThat(SparkStudyEngineTest.withoutLastColumn(dir.resolve("spark/results.csv")))
                    .isEqualTo(SparkStudyEngineTest.withoutLastColumn(dir.resolve("pool/results.csv")));
            assertThat(Files.readString(dir.resolve("spark/summary.csv")))
                    .isEqualTo(Files.readString(dir.resolve("pool/summary.csv")));
            assertThat(Files.readAllBytes(dir.resolve("spark/runs/0000/model.safetensors")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("pool/runs/0000/model.safetensors")));
            // The runs trained in the worker's executors, not in this JVM.
            try (var executors = Files.list(dir.resolve("cluster/work"))) {
                assertThat(executors).isNotEmpty();
            }
        }
    }

    record Run(int status, String out, String err) {
    }

    Run rnnlab(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(Registries.standard(), out, err, false, dir).execute(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
