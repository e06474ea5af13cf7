package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.architectures.GoldenData.Tensor;
import org.rnnlab.architectures.GoldenData.Tolerance;
import org.rnnlab.checkpoint.ModelCheckpoint;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;
import org.rnnlab.training.Budget;
import org.rnnlab.training.Status;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.TrainingResult;
import org.rnnlab.training.UpdateMetrics;

/**
 * rnnlab against PyTorch 1.13: forward values, every gradient, and clipped SGD updates, compared
 * with golden numbers that {@code tools/golden/rnn_golden.py} computed in float64 (see
 * {@code tools/golden/README.md} to regenerate them). No Python is needed here.
 *
 * <p>Tolerance: a value agrees when |rnnlab - PyTorch| <= 1e-10 max(1, |PyTorch|), that is
 * absolutely for values up to 1 in magnitude and relatively above. Both sides compute in double, so
 * differences are rounding, orders of magnitude below the tolerance; a wrong formula is not.
 */
class PytorchAgreementTest {
    private static final double TOLERANCE = 1e-10;
    private static final Tolerance AGREES = Tolerance.scaled(TOLERANCE);
    private static final Registries PLUGINS = Registries.standard();
    /** Where the checkpoint for the manual PyTorch check in tools/golden/README.md is written. */
    private static final Path FOR_PYTORCH = Path.of("target", "pytorch-interop", "update_sgd_after_step.safetensors");

    /**
     * nn.RNN with 1 or 2 layers: each layer is a {@link RecurrentLayer} over the model's cell, and
     * backward is driven with L = sum(R * output) + sum(S * h_n): dL/d output_t = R[t] for the top
     * layer, dL/d h_n = S[k] for layer k, and each lower layer gets the input gradients of the one
     * above as its output gradients.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh", "rnn_relu", "rnn_tanh_2layers"})
    void forwardValuesAndEveryGradientMatchNnRnn(String name) throws IOException {
        JsonNode golden = golden(name);
        JsonNode config = golden.get("config");
        int layerCount = config.get("num_layers").asInt();
        int hidden = config.get("hidden_size").asInt();
        ModelSpec.Builder spec = ModelSpec.builder(config.get("input_size").asInt());
        for (int k = 0; k < layerCount; k++) {
            spec.layer(LayerSpec.of("rnn", hidden).withOption("activation", config.get("nonlinearity").asText()));
        }
        Model model = Model.uninitialized(spec.output(1, Loss.MSE, ReadAt.LAST).build(), PLUGINS);
        copyInto(model, golden.get("parameters"), false);

        DMatrixRMaj[] inputs = Tensor.of(golden.get("inputs")).steps();
        DMatrixRMaj[] h0 = Tensor.of(golden.get("h0")).steps();
        DMatrixRMaj[] r = Tensor.of(golden.get("R")).steps();
        DMatrixRMaj[] s = Tensor.of(golden.get("S")).steps();
        DMatrixRMaj[] output = Tensor.of(golden.get("output")).steps();
        DMatrixRMaj[] hN = Tensor.of(golden.get("h_n")).steps();
        int steps = inputs.length;

        RecurrentLayer[] layers = GoldenData.forward(model, inputs, GoldenData.byLayer(h0));
        RecurrentLayer top = layers[layerCount - 1];
        for (int t = 0; t < steps; t++) {
            assertAgrees(name + " output[" + t + "]", output[t], top.output(t));
        }
        for (int k = 0; k < layerCount; k++) {
            assertAgrees(name + " h_n[" + k + "]", hN[k], layers[k].state(steps)[0]);
        }

        GoldenData.backward(layers, r, GoldenData.byLayer(s));
        JsonNode grad = golden.get("grad");
        for (Iterator<String> it = golden.get("parameters").fieldNames(); it.hasNext(); ) {
            String parameter = it.next();
            assertAgrees(name + " dL/d " + parameter, Tensor.of(grad.get(parameter)).matrix(),
                    model.namedParameters().get(parameter).gradient());
        }
        DMatrixRMaj[] dInputs = Tensor.of(grad.get("inputs")).steps();
        for (int t = 0; t < steps; t++) {
            assertAgrees(name + " dL/d inputs[" + t + "]", dInputs[t], layers[0].inputGradient(t));
        }
        DMatrixRMaj[] dH0 = Tensor.of(grad.get("h0")).steps();
        for (int k = 0; k < layerCount; k++) {
            assertAgrees(name + " dL/d h0[" + k + "]", dH0[k], layers[k].stateGradient(0)[0]);
        }

        // The model's own stacking (Bptt feeds each layer the outputs of the one below) gives the same forward.
        Bptt bptt = new Bptt(model);
        bptt.forward(Batch.inputsOnly(inputs, null).withInitialStates(GoldenData.byLayer(h0)));
        for (int t = 0; t < steps; t++) {
            assertAgrees(name + " Bptt output[" + t + "]", output[t], bptt.layer(layerCount - 1).output(t));
        }
    }

    /** Loss, gradients before clipping, clip_grad_norm_'s total norm, and the weights after torch.optim.SGD's step. */
    @Test
    void oneClippedSgdUpdateMatchesPytorch() throws IOException {
        JsonNode golden = golden("update_sgd");
        Model model = updateModel(golden);
        replay("update_sgd", golden, model, sgd(0));
    }

    /** Two updates with momentum 0.9: the second step moves by 0.9 times the first's clipped gradient plus its own. */
    @Test
    void twoMomentumUpdatesMatchPytorch() throws IOException {
        JsonNode golden = golden("update_sgd_momentum");
        Model model = updateModel(golden);
        replay("update_sgd_momentum", golden, model, sgd(0.9));
    }

    @Test
    void trainerReproducesTheMomentumUpdates() throws IOException {
        JsonNode golden = golden("update_sgd_momentum");
        Model model = updateModel(golden);
        JsonNode updates = golden.get("updates");
        List<Batch> batches = new ArrayList<>();
        for (JsonNode u : updates) {
            batches.add(batch(u.get("batch")));
        }
        List<UpdateMetrics> heard = new ArrayList<>();
        TrainingResult result = Trainer.builder(model, sgd(0.9))
                .transforms(List.of(clipLikeTorch()))
                .budget(Budget.updates(2))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics metrics) {
                        heard.add(metrics);
                    }
                })
                .build()
                .train(index -> batches.get((int) index));

        assertThat(result.status()).isEqualTo(Status.BUDGET);
        assertThat(result.updates()).isEqualTo(2);
        assertThat(heard).hasSize(2);
        for (int u = 0; u < 2; u++) {
            JsonNode expected = updates.get(u);
            String what = "update_sgd_momentum trainer update " + (u + 1);
            assertAgrees(what + " loss", expected.get("loss").doubleValue(), heard.get(u).loss());
            assertAgrees(what + " norm", expected.get("total_norm").doubleValue(), heard.get(u).gradientNormBefore());
            assertThat(heard.get(u).clipped()).as(what + " clipped").isEqualTo(expected.get("clipped").booleanValue());
            assertThat(heard.get(u).learningRate()).as(what + " rate").isEqualTo(0.1);
        }
        assertWeights("update_sgd_momentum trainer, after update 2", updates.get(1).get("parameters_after"), model);
    }

    @Test
    void readsPytorchStateDictSavedAsF64Exactly() throws IOException, URISyntaxException {
        JsonNode expected = golden("update_sgd").get("parameters_before");
        Model model = Model.uninitialized(updateSpec(), PLUGINS);
        ModelCheckpoint.loadWeights(model, GoldenData.path("update_model_f64.safetensors"));
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            assertThat(e.getValue().value().data).as(e.getKey())
                    .containsExactly(Tensor.of(expected.get(e.getKey())).data());
        }
    }

    /** The F32 file holds each float64 rounded to the nearest float; read back, that is the value exactly. */
    @Test
    void readsPytorchStateDictSavedAsF32ToFloatPrecision() throws IOException, URISyntaxException {
        JsonNode expected = golden("update_sgd").get("parameters_before");
        Model model = Model.uninitialized(updateSpec(), PLUGINS);
        ModelCheckpoint.loadWeights(model, GoldenData.path("update_model_f32.safetensors"));
        int differing = 0;
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            double[] exact = Tensor.of(expected.get(e.getKey())).data();
            double[] rounded = new double[exact.length];
            for (int i = 0; i < exact.length; i++) {
                rounded[i] = (float) exact[i];
                differing += rounded[i] != exact[i] ? 1 : 0;
            }
            assertThat(e.getValue().value().data).as(e.getKey()).containsExactly(rounded);
        }
        assertThat(differing).as("values that float32 rounds, so that the file is really F32").isPositive();
    }

    /**
     * Writes the model after one golden update for PyTorch to read (the manual step in
     * tools/golden/README.md), and checks that rnnlab reads it back bit for bit.
     */
    @Test
    void savesAnUpdatedModelForPytorch() throws IOException {
        JsonNode golden = golden("update_sgd");
        Model model = updateModel(golden);
        replay("update_sgd", golden, model, sgd(0));
        Files.createDirectories(FOR_PYTORCH.getParent());
        ModelCheckpoint.save(model, FOR_PYTORCH, Map.of("source", "PytorchAgreementTest, update_sgd.json"));

        Model back = ModelCheckpoint.load(FOR_PYTORCH);
        assertThat(back.spec()).isEqualTo(model.spec());
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            assertThat(back.namedParameters().get(e.getKey()).value().data).as(e.getKey())
                    .containsExactly(e.getValue().value().data);
        }
    }

    /**
     * Runs the golden updates one by one as the trainer would: zero, full BPTT, clip, SGD step,
     * checking each quantity PyTorch recorded on the way.
     */
    private static void replay(String name, JsonNode golden, Model model, Optimizer optimizer) {
        Optimizer.Updater updater = optimizer.newUpdater(model.parameters());
        GradientTransform clip = clipLikeTorch();
        Bptt bptt = new Bptt(model);
        JsonNode updates = golden.get("updates");
        for (int u = 0; u < updates.size(); u++) {
            JsonNode expected = updates.get(u);
            String what = name + " update " + (u + 1);
            model.zeroGradients();
            double loss = bptt.lossAndGradients(batch(expected.get("batch")));
            assertAgrees(what + " loss", expected.get("loss").doubleValue(), loss);
            JsonNode grads = expected.get("grad_before_clip");
            assertThat(names(grads)).as(what + " gradients").isEqualTo(model.namedParameters().keySet());
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                assertAgrees(what + " dL/d " + e.getKey(), Tensor.of(grads.get(e.getKey())).matrix(),
                        e.getValue().gradient());
            }
            TransformReport report = clip.apply(model.parameters(), u + 1);
            assertAgrees(what + " total norm", expected.get("total_norm").doubleValue(), report.normBefore());
            assertThat(report.fired()).as(what + " clipped").isEqualTo(expected.get("clipped").booleanValue());
            updater.update(0.1);
            assertWeights(what + ", after the step", expected.get("parameters_after"), model);
        }
    }

    /** torch.optim.SGD(lr=0.1, momentum=momentum). */
    private static Optimizer sgd(double momentum) {
        return PLUGINS.optimizers().create("sgd", Map.of("lr", 0.1, "momentum", momentum));
    }

    /** PyTorch's clip_grad_norm_(max_norm=1.0) multiplies by 1 / (norm + 1e-6) when that is below 1. */
    private static GradientTransform clipLikeTorch() {
        return PLUGINS.gradientTransforms().create("clip_global_norm", Map.of("threshold", 1.0, "epsilon", 1e-6));
    }

    private static ModelSpec updateSpec() {
        return ModelSpec.builder(2).layer(LayerSpec.of("rnn", 8)).output(1, Loss.MSE, ReadAt.LAST).build();
    }

    private static Model updateModel(JsonNode golden) {
        Model model = Model.uninitialized(updateSpec(), PLUGINS);
        copyInto(model, golden.get("parameters_before"), true);
        return model;
    }

    private static Batch batch(JsonNode node) {
        Tensor targets = Tensor.of(node.get("targets"));
        return Batch.regression(Tensor.of(node.get("inputs")).steps(), null, new DMatrixRMaj[] {targets.matrix()});
    }

    /**
     * Sets the model's parameters from a golden state_dict, checking names and shapes.
     *
     * @param all whether the state_dict covers every parameter, or the recurrent layers' only
     */
    private static void copyInto(Model model, JsonNode stateDict, boolean all) {
        TreeSet<String> expected = new TreeSet<>();
        for (String n : model.namedParameters().keySet()) {
            if (all || n.startsWith("rnn.")) {
                expected.add(n);
            }
        }
        assertThat(names(stateDict)).as("golden parameter names").isEqualTo(expected);
        for (String n : expected) {
            Parameter p = model.namedParameters().get(n);
            Tensor t = Tensor.of(stateDict.get(n));
            assertThat(t.shape()).as("shape of " + n).containsExactly(p.shape());
            System.arraycopy(t.data(), 0, p.value().data, 0, t.data().length);
        }
    }

    private static void assertWeights(String what, JsonNode stateDict, Model model) {
        assertThat(names(stateDict)).as(what + ": parameters").isEqualTo(model.namedParameters().keySet());
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            assertAgrees(what + " " + e.getKey(), Tensor.of(stateDict.get(e.getKey())).matrix(), e.getValue().value());
        }
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertAgrees(String what, DMatrixRMaj expected, DMatrixRMaj actual) {
        assertThat(actual.getNumElements()).as(what + ": element count").isEqualTo(expected.getNumElements());
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertAgrees(what + " element " + i, expected.data[i], actual.data[i]);
        }
    }

    private static void assertAgrees(String what, double expected, double actual) {
        if (!AGREES.admits(expected, actual)) {
            double difference = Math.abs(actual - expected);
            fail(what + ": rnnlab " + actual + ", PyTorch " + expected + ", difference " + difference
                    + " exceeds " + TOLERANCE + " x max(1, |PyTorch|)");
        }
    }

    private static JsonNode golden(String name) throws IOException {
        JsonNode golden = GoldenData.readIfPresent(name + ".json");
        if (golden == null) {
            throw new IOException("Golden file golden/" + name + ".json is missing; see tools/golden/README.md");
        }
        return golden;
    }
}
