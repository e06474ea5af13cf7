package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
            DMatrixRMaj given = tensor(e.getValue());
            assertThat(value.numRows + "x" + value.numCols).as("shape of %s", e.getKey())
                    .isEqualTo(given.numRows + "x" + given.numCols);
            value.setTo(given);
            loaded.add(e.getKey());
        }
        List<String> cellParameters = parameters.keySet().stream().filter(n -> n.startsWith("rnn.")).toList();
        assertThat(loaded).as("every parameter of the cells comes from PyTorch").containsExactlyInAnyOrderElementsOf(cellParameters);

        DMatrixRMaj[] inputs = steps(golden.get("input"));
        DMatrixRMaj[] h0 = steps(golden.get("h0"));
        DMatrixRMaj[] c0 = steps(golden.get("c0"));
        DMatrixRMaj[] s = steps(golden.get("S"));
        DMatrixRMaj[] u = steps(golden.get("U"));
        RecurrentLayer[] stack = new RecurrentLayer[layers];
        DMatrixRMaj[] below = inputs;
        for (int k = 0; k < layers; k++) {
            stack[k] = new RecurrentLayer(model.cells().get(k));
            stack[k].forward(below, null, new DMatrixRMaj[] {h0[k], c0[k]});
            below = stack[k].outputs();
        }
        model.zeroGradients();
        DMatrixRMaj[] above = steps(golden.get("R"));
        for (int k = layers - 1; k >= 0; k--) {
            stack[k].backward(above, new DMatrixRMaj[] {s[k], u[k]});
            above = stack[k].inputGradients();
        }

        int steps = inputs.length;
        RecurrentLayer top = stack[layers - 1];
        JsonNode gradients = golden.get("gradients");
        List<String> failures = new ArrayList<>();
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
        assertThat(failures).as("values differing from PyTorch's by more than %s", TOLERANCE).isEmpty();
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = LstmPytorchAgreementTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file %s; regenerate it as tools/golden/LSTM.md says", file).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    /** A JSON array of rows as a matrix, or an array of numbers as rnnlab stores vectors: an n x 1 column. */
    private static DMatrixRMaj tensor(JsonNode node) {
        if (!node.get(0).isArray()) {
            DMatrixRMaj column = new DMatrixRMaj(node.size(), 1);
            for (int i = 0; i < node.size(); i++) {
                column.data[i] = node.get(i).doubleValue();
            }
            return column;
        }
        DMatrixRMaj m = new DMatrixRMaj(node.size(), node.get(0).size());
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                m.set(i, j, node.get(i).get(j).doubleValue());
            }
        }
        return m;
    }

    /** A [T x batch x features] array as T matrices [batch x features] (also [layers x batch x H]). */
    private static DMatrixRMaj[] steps(JsonNode node) {
        DMatrixRMaj[] out = new DMatrixRMaj[node.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = tensor(node.get(t));
        }
        return out;
    }

    private static void compare(String what, DMatrixRMaj actual, JsonNode expected, List<String> failures) {
        DMatrixRMaj e = tensor(expected);
        assertThat(actual.numRows + "x" + actual.numCols).as("shape of %s", what).isEqualTo(e.numRows + "x" + e.numCols);
        for (int i = 0; i < e.getNumElements(); i++) {
            double difference = Math.abs(actual.data[i] - e.data[i]);
            if (!(difference <= TOLERANCE)) {
                failures.add(what + " element " + i + ": rnnlab " + actual.data[i] + ", PyTorch " + e.data[i]);
            }
        }
    }
}
