package org.rnnlab.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.PluginRef;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;

class ModelCheckpointTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));

    @TempDir
    Path dir;

    private static Model model(int hidden) {
        ModelSpec spec = ModelSpec.builder(2)
                .layer(LayerSpec.of("toy", hidden).withInit("recurrent", PluginRef.of("orthogonal", Map.of("gain", 0.9))))
                .layer(LayerSpec.of("toy", 3))
                .output(4, Loss.CROSS_ENTROPY, ReadAt.EVERY).build();
        Model model = Model.uninitialized(spec, TOY);
        RandomGenerator random = new RandomStreams(hidden).stream("params");
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = random.nextGaussian();
            }
        }
        return model;
    }

    private static DMatrixRMaj[] inputs() {
        DMatrixRMaj[] xs = new DMatrixRMaj[6];
        for (int t = 0; t < xs.length; t++) {
            xs[t] = new DMatrixRMaj(2, 2, true, 0.1 * t, -0.2 * t, 0.3, 0.4 - t);
        }
        return xs;
    }

    @Test
    void saveLoadPredictIsBitIdentical() throws IOException {
        Model model = model(5);
        Path file = dir.resolve("model.safetensors");
        ModelCheckpoint.save(model, file, Map.of("rnnlab.seed", "5"));
        Model loaded = ModelCheckpoint.load(file, TOY);
        assertThat(loaded.spec()).isEqualTo(model.spec());
        assertThat(loaded.namedParameters().keySet()).containsExactly(
                "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_l0",
                "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_l1", "readout.weight", "readout.bias");
        DMatrixRMaj[] expected = model.predictAll(inputs(), new int[] {6, 3});
        DMatrixRMaj[] actual = loaded.predictAll(inputs(), new int[] {6, 3});
        for (int t = 0; t < expected.length; t++) {
            assertThat(actual[t].data).isEqualTo(expected[t].data);
        }
        assertThat(SafeTensors.read(file).metadata()).containsEntry("rnnlab.seed", "5")
                .containsKey(ModelCheckpoint.SPEC_KEY);
    }

    @Test
    void bitFlipIsRefused() throws IOException {
        Path file = dir.resolve("model.safetensors");
        ModelCheckpoint.save(model(5), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelCheckpoint.load(file, TOY))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageStartingWith("Cannot read checkpoint " + file + ": checksum mismatch");
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path file = dir.resolve("model.safetensors");
        ModelCheckpoint.save(model(5), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        assertThatThrownBy(() -> ModelCheckpoint.load(file, TOY))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageStartingWith("Cannot read checkpoint " + file + ": ");
    }

    @Test
    void weightsOfAnotherShapeAreRefusedNamingEachTensor() throws IOException {
        Path file = dir.resolve("small.safetensors");
        ModelCheckpoint.save(model(5), file);
        Model bigger = model(7);
        assertThatThrownBy(() -> ModelCheckpoint.loadWeights(bigger, file))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessage("Cannot read checkpoint " + file + ": it does not match the model: "
                        + "tensor rnn.weight_ih_l0 has shape [5, 2] but the model needs [7, 2]; "
                        + "tensor rnn.weight_hh_l0 has shape [5, 5] but the model needs [7, 7]; "
                        + "tensor rnn.bias_l0 has shape [5] but the model needs [7]; "
                        + "tensor rnn.weight_ih_l1 has shape [3, 5] but the model needs [3, 7]");
    }

    @Test
    void fileWithoutSpecIsRefusedForLoadButServesLoadWeights() throws IOException {
        Model source = model(5);
        Path file = dir.resolve("weights.safetensors");
        SafeTensors.write(file, source.namedParameters().entrySet().stream()
                .map(e -> new NamedTensor(e.getKey(), e.getValue().shape(), e.getValue().value().data.clone()))
                .toList(), Map.of());
        assertThatThrownBy(() -> ModelCheckpoint.load(file, TOY))
                .hasMessage("Cannot read checkpoint " + file + ": no model spec in the metadata (key rnnlab.spec);"
                        + " was it written by rnnlab? Use loadWeights to fill a model you build yourself");
        Model target = model(5);
        target.namedParameters().values().forEach(p -> p.value().zero());
        ModelCheckpoint.loadWeights(target, file);
        assertThat(target.namedParameters().get("readout.bias").value().data)
                .isEqualTo(source.namedParameters().get("readout.bias").value().data);
    }

    @Test
    void checkpointWhoseCellIsMissingHereSaysSo() throws IOException {
        Path file = dir.resolve("model.safetensors");
        ModelCheckpoint.save(model(5), file);
        assertThatThrownBy(() -> ModelCheckpoint.load(file, Registries.of(Map.of())))
                .hasMessageStartingWith("Cannot read checkpoint " + file + ": its model cannot be built here: 2 problems:\n"
                        + "- model.layers[0].cell: unknown cell 'toy'; known cells: none are on the classpath");
    }
}
