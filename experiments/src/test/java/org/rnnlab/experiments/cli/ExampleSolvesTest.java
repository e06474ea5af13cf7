package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.spec.TestRegistries;

/**
 * The README's promise, end to end: {@code rnnlab train examples/irnn-adding.json} brings the held-out
 * MSE below a tenth of the baseline. It takes minutes, so it runs only when asked:
 * {@code mvn -pl experiments -am verify -Dtest=ExampleSolvesTest -Dsurefire.failIfNoSpecifiedTests=false -Drnnlab.examples=true}.
 */
@EnabledIfSystemProperty(named = "rnnlab.examples", matches = "true")
class ExampleSolvesTest {

    @Test
    void irnnSolvesTheAddingProblem(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path spec = Path.of("..", "examples", "irnn-adding.json").toAbsolutePath().normalize();
        int status = new Cli(TestRegistries.withTestTasks(), out, System.err, false, dir)
                .execute("train", spec.toString(), "--out", "run");
        System.out.println(out);
        assertThat(status).isZero();
        Map<?, ?> summary = new ObjectMapper().readValue(Files.readString(dir.resolve("run/summary.json")), Map.class);
        assertThat(((Number) summary.get("lossToBaseline")).doubleValue()).isLessThan(0.1);
    }
}
