package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.model.Model;

/**
 * What the PyTorch agreement tests share: the golden files that {@code tools/golden/*.py} wrote under
 * the test resources' {@code golden/}, their tensors as rnnlab's matrices, PyTorch's way of
 * stacking layers, and the judging of rnnlab's values against PyTorch's.
 *
 * <p>Every golden case differentiates L = sum(R * output) + sum(S * h_n) (+ sum(U * c_n) for the
 * LSTM): dL/d output_t = R[t] for the top layer, dL/d final state = S[k] (and U[k]) for layer k,
 * and each lower layer gets the input gradients of the one above as its output gradients.
 */
final class GoldenData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenData() {
    }

    /** The golden file's JSON; a missing file fails the test with "golden file FILE; REGENERATE". */
    static JsonNode read(String file, String regenerate) throws IOException {
        try (InputStream in = GoldenData.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file %s; %s", file, regenerate).isNotNull();
            return JSON.readTree(in);
        }
    }

    /** The golden file's JSON, or null when there is no such file. */
    static JsonNode readIfPresent(String file) throws IOException {
        try (InputStream in = GoldenData.class.getResourceAsStream("/golden/" + file)) {
            return in == null ? null : JSON.readTree(in);
        }
    }

    /** Where a golden file that is not JSON (a checkpoint) lies. */
    static Path path(String file) throws URISyntaxException {
        return Path.of(GoldenData.class.getResource("/golden/" + file).toURI());
    }

    /**
     * Runs the model's cells as PyTorch stacks its layers: layer k starts from {@code initialStates[k]}
     * and reads the outputs of layer k - 1 (layer 0 reads the inputs).
     *
     * @param initialStates for each layer, its states in the cell's order; see {@link #byLayer}
     */
    static RecurrentLayer[] forward(Model model, DMatrixRMaj[] inputs, DMatrixRMaj[][] initialStates) {
        RecurrentLayer[] layers = new RecurrentLayer[initialStates.length];
        DMatrixRMaj[] below = inputs;
        for (int k = 0; k < layers.length; k++) {
            layers[k] = new RecurrentLayer(model.cells().get(k));
            layers[k].forward(below, null, initialStates[k]);
            below = layers[k].outputs();
        }
        return layers;
    }

    /**
     * Backward through layers that {@link #forward} ran: the top layer gets {@code outputGradients}
     * (R), layer k gets {@code finalStateGradients[k]} (S[k], ...) for its last states, and each lower
     * layer gets the input gradients of the one above as its output gradients.
     */
    static void backward(RecurrentLayer[] layers, DMatrixRMaj[] outputGradients, DMatrixRMaj[][] finalStateGradients) {
        DMatrixRMaj[] above = outputGradients;
        for (int k = layers.length - 1; k >= 0; k--) {
            layers[k].backward(above, finalStateGradients[k]);
            above = layers[k].inputGradients();
        }
    }

    /**
     * Per-layer states from [num_layers, batch, hidden] tensors given as slices, one tensor per
     * state: {@code byLayer(h0, c0)[k]} is {@code {h0[k], c0[k]}}.
     */
    static DMatrixRMaj[][] byLayer(DMatrixRMaj[]... states) {
        DMatrixRMaj[][] layers = new DMatrixRMaj[states[0].length][states.length];
        for (int k = 0; k < layers.length; k++) {
            for (int s = 0; s < states.length; s++) {
                layers[k][s] = states[s][k];
            }
        }
        return layers;
    }

    /**
     * A golden tensor: its shape and its values in row-major order. The generators write it in one
     * of two layouts: {@code {"shape": [...], "data": [...]}} with data flat (rnn_golden.py,
     * gru_golden.py), or nested arrays as torch's {@code tolist()} gives (lstm_golden.py).
     */
    record Tensor(int[] shape, double[] data) {
        static Tensor of(JsonNode node) {
            return node.isArray() ? nested(node) : flat(node);
        }

        private static Tensor flat(JsonNode node) {
            JsonNode shapeNode = node.get("shape");
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).intValue();
            }
            JsonNode values = node.get("data");
            double[] data = new double[values.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = values.get(i).doubleValue();
            }
            return checked(shape, data);
        }

        private static Tensor nested(JsonNode node) {
            List<Integer> dims = new ArrayList<>();
            for (JsonNode n = node; n != null && n.isArray(); n = n.get(0)) {
                dims.add(n.size());
            }
            List<Double> values = new ArrayList<>();
            flatten(node, values);
            return checked(dims.stream().mapToInt(Integer::intValue).toArray(),
                    values.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private static void flatten(JsonNode node, List<Double> into) {
            if (node.isArray()) {
                node.forEach(child -> flatten(child, into));
            } else {
                into.add(node.doubleValue());
            }
        }

        private static Tensor checked(int[] shape, double[] data) {
            int count = 1;
            for (int d : shape) {
                count *= d;
            }
            assertThat(data.length).as("values of a tensor of shape %s", Arrays.toString(shape)).isEqualTo(count);
            return new Tensor(shape, data);
        }

        /** A matrix [rows x cols], or a vector [n] as an n x 1 column like rnnlab's. */
        DMatrixRMaj matrix() {
            assertThat(shape.length).as("rank").isBetween(1, 2);
            return new DMatrixRMaj(shape[0], shape.length == 1 ? 1 : shape[1], true, data);
        }

        /** A [n, rows, cols] tensor as n matrices [rows x cols]: steps of an input, or layers of a state. */
        DMatrixRMaj[] steps() {
            assertThat(shape.length).as("rank").isEqualTo(3);
            DMatrixRMaj[] out = new DMatrixRMaj[shape[0]];
            int size = shape[1] * shape[2];
            for (int t = 0; t < out.length; t++) {
                out[t] = new DMatrixRMaj(shape[1], shape[2]);
                System.arraycopy(data, t * size, out[t].data, 0, size);
            }
            return out;
        }
    }

    /** How far rnnlab's value may lie from PyTorch's. */
    @FunctionalInterface
    interface Tolerance {
        boolean admits(double pytorch, double rnnlab);

        /** |rnnlab - PyTorch| <= tolerance max(1, |PyTorch|): absolute up to 1 in magnitude, relative above. */
        static Tolerance scaled(double tolerance) {
            return (pytorch, rnnlab) -> Math.abs(rnnlab - pytorch) <= tolerance * Math.max(1, Math.abs(pytorch));
        }

        /** |rnnlab - PyTorch| <= tolerance. */
        static Tolerance absolute(double tolerance) {
            return (pytorch, rnnlab) -> Math.abs(rnnlab - pytorch) <= tolerance;
        }
    }

    /**
     * The elements of rnnlab's values that a tolerance does not admit, gathered so that one failure
     * lists them all, each as "WHAT INDEX: rnnlab VALUE, PyTorch VALUE". Callers check the sizes.
     */
    static final class Disagreements {
        private final Tolerance tolerance;
        private final IntFunction<String> index;
        private final List<String> found = new ArrayList<>();

        /** @param index how element i is named after what, such as "[i]" or " element i" */
        Disagreements(Tolerance tolerance, IntFunction<String> index) {
            this.tolerance = tolerance;
            this.index = index;
        }

        void compare(String what, double[] pytorch, double[] rnnlab) {
            for (int i = 0; i < pytorch.length; i++) {
                if (!tolerance.admits(pytorch[i], rnnlab[i])) {
                    found.add(what + index.apply(i) + ": rnnlab " + rnnlab[i] + ", PyTorch " + pytorch[i]);
                }
            }
        }

        List<String> found() {
            return found;
        }
    }
}
