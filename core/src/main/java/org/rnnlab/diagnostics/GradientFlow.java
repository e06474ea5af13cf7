package org.rnnlab.diagnostics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the loss's gradient reaches back through time: ||dL/dh_t|| for every layer and every step
 * t = 0..T of one backward pass, the curve whose exponential decay or growth in T - t is the
 * vanishing or exploding gradient problem (Bengio, Simard, Frasconi 1994; Pascanu, Mikolov, Bengio
 * 2013, "On the difficulty of training recurrent neural networks", ICML, Section 2).
 *
 * <p>dL/dh_t is the whole gradient of the state h_t (state tensor 0, after t steps): the part that
 * comes back through the recurrence, from step t+1 on, plus, for a cell whose output is its state
 * ({@link org.rnnlab.spi.Cell#outputIsState()}), the gradient of the output h_t itself, which the
 * top layer receives from the readout and a lower layer from the input of the layer above. Entry
 * t = 0 is the gradient of the initial state, which has no output. L is the batch's loss as
 * {@link org.rnnlab.model.Bptt} computes it: the mean over every scored output of the batch.
 *
 * @param layers one entry per layer, bottom first
 */
public record GradientFlow(List<Layer> layers) {

    public GradientFlow {
        layers = List.copyOf(layers);
    }

    /** The number of steps T of the pass; each curve has T + 1 entries. */
    public int steps() {
        return layers.get(0).norms.length - 1;
    }

    /**
     * The gradient flow of one layer.
     *
     * @param layer the layer's index, 0 at the bottom
     * @param outputIsState whether the output's gradient was added to the recurrent one
     * @param norms norms[t] = ||dL/dh_t||_F, the Frobenius norm over the whole batch [batch x H],
     *     for t = 0..T; computed without overflow or underflow (1e-200 is measured as such)
     * @param meanSequenceNorms meanSequenceNorms[t] = the mean, over the sequences b with
     *     t <= length(b), of ||dL/dh_t[b]||_2 (so a sequence counts up to its own last state); NaN
     *     if no sequence reaches step t. For equal lengths it lies between norms[t] / batch and
     *     norms[t] / sqrt(batch)
     * @param otherStates for a cell with more states than h, each further state's name with the
     *     Frobenius norms of its gradient, dL/dc_t for an LSTM; empty otherwise. Such a state is never
     *     an output, so its gradient is what came back through the recurrence
     */
    public record Layer(int layer, boolean outputIsState, double[] norms, double[] meanSequenceNorms,
            Map<String, double[]> otherStates) {

        public Layer {
            norms = norms.clone();
            meanSequenceNorms = meanSequenceNorms.clone();
            Map<String, double[]> copy = new LinkedHashMap<>();
            otherStates.forEach((name, values) -> copy.put(name, values.clone()));
            otherStates = java.util.Collections.unmodifiableMap(copy);
        }

        /** A copy. */
        @Override
        public double[] norms() {
            return norms.clone();
        }

        /** A copy. */
        @Override
        public double[] meanSequenceNorms() {
            return meanSequenceNorms.clone();
        }

        /** ||dL/dh_t||_F over the batch, t in [0, T]. */
        public double norm(int t) {
            return norms[t];
        }

        /** The norms of state {@code name}'s gradient, a copy. */
        public double[] otherState(String name) {
            double[] values = otherStates.get(name);
            if (values == null) {
                throw new IllegalArgumentException("Layer " + layer + " has no further state '" + name + "'; it has "
                        + otherStates.keySet());
            }
            return values.clone();
        }
    }
}
