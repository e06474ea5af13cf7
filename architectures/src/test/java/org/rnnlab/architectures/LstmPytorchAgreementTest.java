package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.architectures.GoldenData.Disagreements;
import org.rnnlab.architectures.GoldenData.Tensor;
import org.rnnlab.architectures.GoldenData.Tolerance;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;

/**
 * {@code lstm} agrees with PyTorch's nn.LSTM to 1e-10: outputs, final h and c, and the gradients of
 * L = sum(R * output) + sum(S * h_n) + sum(U * c_n) with respect to every parameter, the inputs, h0
 * and c0, for one layer and for two stacked layers. The expected values were written by
 * {@code tools/golden/lstm_golden.py} (PyTorch 1.13, float64); the weights are loaded by their
 * state_dict names, so this also checks that rnnlab's names and layout are PyTorch's.
 *
 * <p>Measured when written: the largest difference was 1.8e-15, in the gradient of
 * {@code rnn.weight_ih_l1}; outputs, h_n and c_n differed by at most 3.4e-16.
 */
class LstmPytorchAgreementTest {
    private static final double TOLERANCE = 1e-10;

    @ParameterizedTest
    @ValueSource(strings = {"lstm_1_layer.json", "lstm_2_layers.json"})
    void agreesWithPytorch(String file) throws IOException {
        JsonNode golden = read(file);
        int layers = golden.get("num_layers").asInt();
        int hidden = golden.get("hidden_size").asInt();
        ModelSpec.Builder builder = ModelSpec.builder(golden.get("input_size").asInt());
        for (int k = 0; k < layers; k++) {
            builder.layer(LayerSpec.of("lstm", hidden));
        }
        Model model = Model.uninitialized(builder.output(1, Loss.MSE, ReadAt.LAST).build(), Registries.standard());

        Map<String, Parameter> parameters = model.namedParameters();
        List<String> loaded = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("state_dict").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(parameters).as("rnnlab has PyTorch's parameter %s", e.getKey()).containsKey(e.getKey());
            DMatrixRMaj value = parameters.get(e.getKey()).value();
            DMatrixRMaj given = Tensor.of(e.getValue()).matrix();
            assertThat(value.numRows + "x" + value.numCols).as("shape of %s", e.getKey())
                    .isEqualTo(given.numRows + "x" + given.numCols);
            value.setTo(given);
            loaded.add(e.getKey());
        }
        List<String> cellParameters = parameters.keySet().stream().filter(n -> n.startsWith("rnn.")).toList();
        assertThat(loaded).as("every parameter of the cells comes from PyTorch").containsExactlyInAnyOrderElementsOf(cellParameters);

        DMatrixRMaj[] inputs = Tensor.of(golden.get("input")).steps();
        DMatrixRMaj[] h0 = Tensor.of(golden.get("h0")).steps();
        DMatrixRMaj[] c0 = Tensor.of(golden.get("c0")).steps();
        DMatrixRMaj[] s = Tensor.of(golden.get("S")).steps();
        DMatrixRMaj[] u = Tensor.of(golden.get("U")).steps();
        RecurrentLayer[] stack = GoldenData.forward(model, inputs, GoldenData.byLayer(h0, c0));
        model.zeroGradients();
        GoldenData.backward(stack, Tensor.of(golden.get("R")).steps(), GoldenData.byLayer(s, u));

        int steps = inputs.length;
        RecurrentLayer top = stack[layers - 1];
        JsonNode gradients = golden.get("gradients");
        Disagreements failures = new Disagreements(Tolerance.absolute(TOLERANCE), i -> " element " + i);
        for (int t = 0; t < steps; t++) {
            compare("output[" + t + "]", top.output(t), golden.get("output").get(t), failures);
            compare("d input[" + t + "]", stack[0].inputGradient(t), gradients.get("input").get(t), failures);
        }
        for (int k = 0; k < layers; k++) {
            compare("h_n[" + k + "]", stack[k].state(steps)[0], golden.get("h_n").get(k), failures);
            compare("c_n[" + k + "]", stack[k].state(steps)[1], golden.get("c_n").get(k), failures);
            compare("d h0[" + k + "]", stack[k].stateGradient(0)[0], gradients.get("h0").get(k), failures);
            compare("d c0[" + k + "]", stack[k].stateGradient(0)[1], gradients.get("c0").get(k), failures);
        }
        for (String name : loaded) {
            compare("d " + name, parameters.get(name).gradient(), gradients.get(name), failures);
        }
        assertThat(failures.found()).as("values differing from PyTorch's by more than %s", TOLERANCE).isEmpty();
    }

    private static JsonNode read(String file) throws IOException {
        return GoldenData.read(file, "regenerate it as tools/golden/LSTM.md says");
    }

    private static void compare(String what, DMatrixRMaj actual, JsonNode expected, Disagreements failures) {
        DMatrixRMaj e = Tensor.of(expected).matrix();
        assertThat(actual.numRows + "x" + actual.numCols).as("shape of %s", what).isEqualTo(e.numRows + "x" + e.numCols);
        failures.compare(what, e.data, actual.data);
    }
}
