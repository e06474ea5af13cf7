package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rnnlab demo}'s usage errors; the demo itself (63 runs, minutes) is run by hand and by
 * ExampleSolvesTest's opt-in profile, not in every build. Whether its preset loads at both scales is
 * ShippedPresetsTest's.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(CliTest.REGISTRIES, dir, args);
    }

    @Test
    void refusesZeroWorkers() {
        CliRun r = run("demo", "--workers", "0");
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).startsWith("rnnlab: --workers must be >= 1, found 0");
    }

    @Test
    void resumeNeedsTheFolder() {
        CliRun r = run("demo", "--resume");
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).startsWith("rnnlab: --resume needs --out DIR, the folder of the demo to resume");
    }

    @Test
    void anUnknownScaleIsABadSpecAndNothingIsWritten() {
        CliRun r = run("demo", "--scale", "huge", "--out", "d");
        assertThat(r.status()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo(
                "rnnlab: preset trainability-tour: --scale huge: no such scale; known scales: quick, paper" + System.lineSeparator());
        assertThat(Files.exists(dir.resolve("d"))).isFalse();
    }
}
