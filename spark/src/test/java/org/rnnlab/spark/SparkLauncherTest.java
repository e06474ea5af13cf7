package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the spark engine is launched and kept apart from the default command line. */
class SparkLauncherTest {
    /** The module's folder: surefire runs the tests there. */
    static final Path MODULE = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theLauncherOpensTheSamePackagesAsTheTests() throws IOException {
        String script = Files.readString(MODULE.resolveSibling("rnnlab"));
        int start = script.indexOf("spark_opens=(");
        String list = script.substring(start + "spark_opens=(".length(), script.indexOf(')', start));
        assertThat(Arrays.asList(list.trim().split("\\s+")))
                .isEqualTo(Arrays.asList(System.getProperty("rnnlab.spark.add-opens").trim().split("\\s+")));
    }

    @Test
    void theDefaultJarHoldsNoSparkAndTheSparkJarHoldsNoSparkEither() throws IOException {
        // experiments is packaged before this module's tests run in any reactor build that includes both.
        Path rnnlabJar = MODULE.resolveSibling("experiments").resolve("target/rnnlab.jar");
        assertThat(rnnlabJar).exists();
        try (ZipFile jar = new ZipFile(rnnlabJar.toFile())) {
            assertThat(jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")
                            || n.startsWith("org/rnnlab/spark/")))
                    .isEmpty();
            assertThat(jar.getEntry("org/rnnlab/experiments/study/StudyEngineProvider.class")).isNotNull();
        }
    }

    @Test
    void onAClusterRnnlabsJarAndThePluginJarsOfRnnlabClasspathAreShipped() throws IOException {
        Path rnnlab = Files.writeString(dir.resolve("rnnlab-spark.jar"), "");
        Path cell = Files.writeString(dir.resolve("my-cell.jar"), "");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String classpath = String.join(java.io.File.pathSeparator, cell.toString(), classes.toString(),
                dir.resolve("missing.jar").toString(), "");
        assertThat(SparkStudyEngine.jarsToShip(rnnlab, classpath)).isEqualTo(List.of(rnnlab.toString(),
                cell.toString()));
        assertThat(SparkStudyEngine.jarsToShip(null, null)).isEmpty();
    }
}
