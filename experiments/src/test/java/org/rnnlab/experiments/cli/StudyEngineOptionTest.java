package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnlab study --engine/--master} without the spark module on the classpath: the refusals. */
class StudyEngineOptionTest {
    @TempDir
    Path dir;

    @BeforeEach
    void spec() throws IOException {
        Files.writeString(dir.resolve("toy.yaml"), StudyCommandTest.TOY);
    }

    private CliRun run(String... args) {
        return CliRun.run(CliTest.REGISTRIES, dir, args);
    }

    @Test
    void theSparkEngineNeedsTheSparkModule() {
        CliRun r = run("study", "toy.yaml", "--out", "s", "--engine", "spark");
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo("rnnlab: Unknown study engine 'spark'; known engines: local. The spark engine is "
                + "in the spark module: run ./rnnlab from a clone of rnnlab (it adds the module when --engine spark is "
                + "given) or see docs/cluster.md\n");
        assertThat(dir.resolve("s")).doesNotExist();
        assertThat(run("study", "toy.yaml", "--engine", "dask").err())
                .isEqualTo("rnnlab: Unknown study engine 'dask'; known engines: local\n");
    }

    @Test
    void eachEnginesOptionsAreRefusedOnTheOther() {
        CliRun master = run("study", "toy.yaml", "--master", "spark://127.0.0.1:7077");
        assertThat(master.status()).isEqualTo(Cli.USAGE);
        assertThat(master.err()).isEqualTo("rnnlab: --master is an option of the spark engine (--engine spark); the "
                + "local engine trains on this machine's --workers\n");
        CliRun workers = run("study", "toy.yaml", "--engine", "spark", "--workers", "2");
        assertThat(workers.status()).isEqualTo(Cli.USAGE);
        assertThat(workers.err()).isEqualTo("rnnlab: --workers is an option of the local engine; the spark engine "
                + "decides how many runs train at once\n");
    }

    @Test
    void theLocalEngineByNameIsThePool() {
        CliRun r = run("study", "toy.yaml", "--out", "s", "--engine", "local", "--workers", "1");
        assertThat(r.status()).isEqualTo(Cli.OK);
        assertThat(r.out()).startsWith("rnnlab: study toy: 2 runs into " + dir.resolve("s") + " on 1 worker\n");
    }
}
