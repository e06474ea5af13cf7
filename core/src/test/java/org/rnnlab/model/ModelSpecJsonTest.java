package org.rnnlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;

class ModelSpecJsonTest {

    @Test
    void roundTrip() {
        ModelSpec spec = ModelSpec.builder(3)
                .layer(LayerSpec.of("rnn", 8).withOption("activation", Map.of("name", "leaky_relu", "slope", 0.1))
                        .withInit("recurrent", PluginRef.of("identity")).withInit("bias", PluginRef.of("constant", Map.of("value", 0.5))))
                .layer(LayerSpec.of("lstm", 4))
                .output(5, Loss.CROSS_ENTROPY, ReadAt.EVERY).build();
        String json = ModelSpecJson.toJson(spec);
        assertThat(json).isEqualTo("{\"inputSize\":3,\"layers\":[{\"cell\":\"rnn\",\"hiddenSize\":8,"
                + "\"init\":{\"bias\":{\"name\":\"constant\",\"value\":0.5},\"recurrent\":{\"name\":\"identity\"}},"
                + "\"options\":{\"activation\":{\"name\":\"leaky_relu\",\"slope\":0.1}}},"
                + "{\"cell\":\"lstm\",\"hiddenSize\":4,\"init\":{},\"options\":{}}],"
                + "\"loss\":\"cross_entropy\",\"outputSize\":5,\"readAt\":\"every\"}");
        assertThat(ModelSpecJson.fromJson(json)).isEqualTo(spec);
    }

    @Test
    void everyProblemAtOnce() {
        assertThatThrownBy(() -> ModelSpecJson.fromJson("{\"inputSize\": 0, \"outputSize\": \"two\", \"loss\": \"mae\","
                + " \"layers\": [{\"cell\": \"rnn\", \"hiddenSize\": 0}, {\"hiddenSize\": 3}]}"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("""
                        3 problems:
                        - model.outputSize must be a whole number, found "two"
                        - model.loss must be one of [mse, cross_entropy], found "mae"
                        - model.layers[1].cell must be the name of one of the cells, found nothing""");
        assertThatThrownBy(() -> ModelSpecJson.fromJson("{\"inputSize\": 0, \"outputSize\": 1,"
                + " \"layers\": [{\"cell\": \"rnn\", \"hiddenSize\": 0}]}"))
                .hasMessage("""
                        2 problems:
                        - model.inputSize must be > 0, found 0
                        - model.layers[0].hiddenSize must be > 0, found 0""");
        assertThatThrownBy(() -> ModelSpecJson.fromJson("{\"inputSize\": "))
                .hasMessageStartingWith("model is not valid JSON: ");
    }
}
