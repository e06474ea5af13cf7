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
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;

/**
 * The gru cell against PyTorch 1.13's nn.GRU (and, for {@code resetAfter} false, against the same
 * equations written out in torch operations): outputs, final states and every gradient, compared
 * with golden numbers that {@code tools/golden/gru_golden.py} computed in float64 (see
 * {@code tools/golden/GRU.md} to regenerate them). No Python is needed here.
 *
 * <p>A value agrees when |rnnlab - PyTorch| <= 1e-10 max(1, |PyTorch|). Both sides compute in
 * double, so the differences are rounding, around 1e-16 when this was written; a wrong formula is
 * off by far more.
 */
class GruPytorchAgreementTest {
    private static final double TOLERANCE = 1e-10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Each layer is a {@link RecurrentLayer} over the model's cell, driven with
     * L = sum(R * output) + sum(S * h_n): dL/d output_t = R[t] for the top layer, dL/d h_n = S[k]
     * for layer k, and each lower layer gets the input gradients of the one above.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "gru_2layers", "gru_reset_before"})
    void outputsStatesAndEveryGradientMatch(String name) throws IOException {
        JsonNode golden = golden(name);
        JsonNode config = golden.get("config");
        int layerCount = config.get("num_layers").asInt();
        ModelSpec.Builder spec = ModelSpec.builder(config.get("input_size").asInt());
        for (int k = 0; k < layerCount; k++) {
            spec.layer(LayerSpec.of("gru", config.get("hidden_size").asInt())
                    .withOption("resetAfter", config.get("reset_after").asBoolean()));
        }
        Model model = Model.uninitialized(spec.output(1, Loss.MSE, ReadAt.LAST).build(), Registries.standard());
        Map<String, Parameter> parameters = model.namedParameters();
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Parameter p = parameters.get(e.getKey());
            assertThat(p).as("rnnlab has PyTorch's parameter %s", e.getKey()).isNotNull();
            assertThat(p.shape()).as("shape of %s", e.getKey()).isEqualTo(shape(e.getValue()));
            System.arraycopy(data(e.getValue()), 0, p.value().data, 0, p.size());
        }

        DMatrixRMaj[] inputs = steps(golden.get("inputs"));
        DMatrixRMaj[] h0 = steps(golden.get("h0"));
        DMatrixRMaj[] r = steps(golden.get("R"));
        DMatrixRMaj[] s = steps(golden.get("S"));
        int count = inputs.length;
        List<String> disagreements = new ArrayList<>();

        RecurrentLayer[] layers = new RecurrentLayer[layerCount];
        DMatrixRMaj[] below = inputs;
        for (int k = 0; k < layerCount; k++) {
            layers[k] = new RecurrentLayer(model.cells().get(k));
            layers[k].forward(below, null, new DMatrixRMaj[] {h0[k]});
            below = layers[k].outputs();
        }
        RecurrentLayer top = layers[layerCount - 1];
        DMatrixRMaj[] output = steps(golden.get("output"));
        DMatrixRMaj[] hN = steps(golden.get("h_n"));
        for (int t = 0; t < count; t++) {
            compare("output[" + t + "]", output[t].data, top.output(t).data, disagreements);
        }
        for (int k = 0; k < layerCount; k++) {
            compare("h_n[" + k + "]", hN[k].data, layers[k].state(count)[0].data, disagreements);
        }

        model.zeroGradients();
        DMatrixRMaj[] outputGradients = r;
        for (int k = layerCount - 1; k >= 0; k--) {
            layers[k].backward(outputGradients, new DMatrixRMaj[] {s[k]});
            outputGradients = layers[k].inputGradients();
        }
        JsonNode grad = golden.get("grad");
        for (Iterator<String> it = golden.get("parameters").fieldNames(); it.hasNext(); ) {
            String parameter = it.next();
            compare("dL/d " + parameter, data(grad.get(parameter)), parameters.get(parameter).gradient().data,
                    disagreements);
        }
        DMatrixRMaj[] dInputs = steps(grad.get("inputs"));
        for (int t = 0; t < count; t++) {
            compare("dL/d inputs[" + t + "]", dInputs[t].data, layers[0].inputGradient(t).data, disagreements);
        }
        DMatrixRMaj[] dH0 = steps(grad.get("h0"));
        for (int k = 0; k < layerCount; k++) {
            compare("dL/d h0[" + k + "]", dH0[k].data, layers[k].stateGradient(0)[0].data, disagreements);
        }

        // The model's own stacking (Bptt feeds each layer the outputs of the one below) gives the same.
        Bptt bptt = new Bptt(model);
        DMatrixRMaj[][] initial = new DMatrixRMaj[layerCount][];
        for (int k = 0; k < layerCount; k++) {
            initial[k] = new DMatrixRMaj[] {h0[k]};
        }
        bptt.forward(Batch.inputsOnly(inputs, null).withInitialStates(initial));
        for (int t = 0; t < count; t++) {
            compare("Bptt output[" + t + "]", output[t].data, bptt.layer(layerCount - 1).output(t).data, disagreements);
        }
        assertThat(disagreements).as("%s: values off PyTorch's by more than %s", name, TOLERANCE).isEmpty();
    }

    private static void compare(String what, double[] pytorch, double[] rnnlab, List<String> disagreements) {
        assertThat(rnnlab).as("%s has PyTorch's number of elements", what).hasSameSizeAs(pytorch);
        for (int i = 0; i < pytorch.length; i++) {
            if (!(Math.abs(rnnlab[i] - pytorch[i]) <= TOLERANCE * Math.max(1, Math.abs(pytorch[i])))) {
                disagreements.add(what + "[" + i + "]: rnnlab " + rnnlab[i] + ", PyTorch " + pytorch[i]);
            }
        }
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = GruPytorchAgreementTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("golden file %s.json; see tools/golden/GRU.md", name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static int[] shape(JsonNode tensor) {
        JsonNode shape = tensor.get("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asInt();
        }
        return dims;
    }

    private static double[] data(JsonNode tensor) {
        JsonNode data = tensor.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).asDouble();
        }
        return values;
    }

    /** A [n, rows, cols] tensor as n matrices [rows x cols]: steps of an input, or layers of a state. */
    private static DMatrixRMaj[] steps(JsonNode tensor) {
        int[] shape = shape(tensor);
        double[] values = data(tensor);
        DMatrixRMaj[] slices = new DMatrixRMaj[shape[0]];
        int size = shape[1] * shape[2];
        for (int i = 0; i < shape[0]; i++) {
            slices[i] = new DMatrixRMaj(shape[1], shape[2]);
            System.arraycopy(values, i * size, slices[i].data, 0, size);
        }
        return slices;
    }
}
