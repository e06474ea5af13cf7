package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.architectures.GoldenData.Disagreements;
import org.rnnlab.architectures.GoldenData.Tensor;
import org.rnnlab.architectures.GoldenData.Tolerance;
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
            Tensor t = Tensor.of(e.getValue());
            assertThat(p.shape()).as("shape of %s", e.getKey()).isEqualTo(t.shape());
            System.arraycopy(t.data(), 0, p.value().data, 0, p.size());
        }

        DMatrixRMaj[] inputs = Tensor.of(golden.get("inputs")).steps();
        DMatrixRMaj[] h0 = Tensor.of(golden.get("h0")).steps();
        DMatrixRMaj[] r = Tensor.of(golden.get("R")).steps();
        DMatrixRMaj[] s = Tensor.of(golden.get("S")).steps();
        int count = inputs.length;
        Disagreements disagreements = new Disagreements(Tolerance.scaled(TOLERANCE), i -> "[" + i + "]");

        RecurrentLayer[] layers = GoldenData.forward(model, inputs, GoldenData.byLayer(h0));
        RecurrentLayer top = layers[layerCount - 1];
        DMatrixRMaj[] output = Tensor.of(golden.get("output")).steps();
        DMatrixRMaj[] hN = Tensor.of(golden.get("h_n")).steps();
        for (int t = 0; t < count; t++) {
            compare("output[" + t + "]", output[t].data, top.output(t).data, disagreements);
        }
        for (int k = 0; k < layerCount; k++) {
            compare("h_n[" + k + "]", hN[k].data, layers[k].state(count)[0].data, disagreements);
        }

        model.zeroGradients();
        GoldenData.backward(layers, r, GoldenData.byLayer(s));
        JsonNode grad = golden.get("grad");
        for (Iterator<String> it = golden.get("parameters").fieldNames(); it.hasNext(); ) {
            String parameter = it.next();
            compare("dL/d " + parameter, Tensor.of(grad.get(parameter)).data(),
                    parameters.get(parameter).gradient().data, disagreements);
        }
        DMatrixRMaj[] dInputs = Tensor.of(grad.get("inputs")).steps();
        for (int t = 0; t < count; t++) {
            compare("dL/d inputs[" + t + "]", dInputs[t].data, layers[0].inputGradient(t).data, disagreements);
        }
        DMatrixRMaj[] dH0 = Tensor.of(grad.get("h0")).steps();
        for (int k = 0; k < layerCount; k++) {
            compare("dL/d h0[" + k + "]", dH0[k].data, layers[k].stateGradient(0)[0].data, disagreements);
        }

        // The model's own stacking (Bptt feeds each layer the outputs of the one below) gives the same.
        Bptt bptt = new Bptt(model);
        bptt.forward(Batch.inputsOnly(inputs, null).withInitialStates(GoldenData.byLayer(h0)));
        for (int t = 0; t < count; t++) {
            compare("Bptt output[" + t + "]", output[t].data, bptt.layer(layerCount - 1).output(t).data, disagreements);
        }
        assertThat(disagreements.found()).as("%s: values off PyTorch's by more than %s", name, TOLERANCE).isEmpty();
    }

    private static void compare(String what, double[] pytorch, double[] rnnlab, Disagreements disagreements) {
        assertThat(rnnlab).as("%s has PyTorch's number of elements", what).hasSameSizeAs(pytorch);
        disagreements.compare(what, pytorch, rnnlab);
    }

    private static JsonNode golden(String name) throws IOException {
        return GoldenData.read(name + ".json", "see tools/golden/GRU.md");
    }
}
