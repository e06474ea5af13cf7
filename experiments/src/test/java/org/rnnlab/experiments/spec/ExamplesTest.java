package org.rnnlab.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every spec in examples/ is valid; the adding task is the test stand-in until the real one is registered. */
class ExamplesTest {
    @Test
    void everyExampleIsAValidSpec() throws IOException {
        List<Path> examples;
        try (var files = Files.list(Path.of("..", "examples"))) {
            examples = files.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            Experiment e = SpecFiles.load(example, List.of(), SpecFilesTest.REGISTRIES);
            assertThat(e.modelSpec().layers()).as("%s", example).isNotEmpty();
        }
    }

    @Test
    void theIrnnExampleIsWhatTheReadmeSays() throws IOException {
        Experiment e = SpecFiles.load(Path.of("..", "examples", "irnn-adding.json"), List.of(), SpecFilesTest.REGISTRIES);
        var layer = e.spec().model().layers().get(0);
        assertThat(layer.options()).containsEntry("activation", "relu");
        assertThat(layer.init().get("recurrent").name()).isEqualTo("identity");
        assertThat(layer.init().get("bias").name()).isEqualTo("zeros");
        assertThat(layer.init().get("input").name()).isEqualTo("normal");
        assertThat(e.spec().task().values()).containsEntry("variant", "uniform_halves").containsEntry("length", 50);
    }
}
