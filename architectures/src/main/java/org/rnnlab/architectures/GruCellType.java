package org.rnnlab.architectures;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.StepCache;

/**
 * The gated recurrent unit (Cho, van Merriënboer, Gulcehre, Bahdanau, Bougares, Schwenk, Bengio
 * 2014, "Learning Phrase Representations using RNN Encoder-Decoder for Statistical Machine
 * Translation"), by default exactly as PyTorch's nn.GRU computes it:
 *
 * <pre>
 * r  = σ(W_ir x + b_ir + W_hr h + b_hr)            reset gate
 * z  = σ(W_iz x + b_iz + W_hz h + b_hz)            update gate
 * n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))   new (candidate) state
 * h' = (1 - z) * n + z * h                         next state and output
 * </pre>
 *
 * <p>Parameters as nn.GRU's, gate blocks stacked in the order r, z, n (gate names {@code reset},
 * {@code update}, {@code new}): {@code weight_ih} [3H x I] = [W_ir; W_iz; W_in], {@code weight_hh}
 * [3H x H] = [W_hr; W_hz; W_hn], {@code bias_ih} [3H] = [b_ir; b_iz; b_in], {@code bias_hh} [3H] =
 * [b_hr; b_hz; b_hn], every one initialized by default as PyTorch does, uniform in ±1/sqrt(H). So
 * a state_dict moves both ways and outputs agree with PyTorch to rounding.
 *
 * <p>Option {@code resetAfter} (default true, PyTorch and cuDNN) says where the reset gate acts.
 * With false the cell is the first version of Cho et al. (also Keras's {@code reset_after=False}):
 * the gate resets the state before the product, and both n biases stay outside it,
 *
 * <pre>
 * n = tanh(W_in x + b_in + W_hn (r * h) + b_hn)
 * </pre>
 *
 * <p>so b_in and b_hn act as one bias there; r and z are unchanged. That variant computes
 * W_hn (r * h) through the whole of {@code weight_hh} and uses a third of the result, since the
 * kernels multiply whole matrices only: about twice the recurrent work of the default.
 */
public final class GruCellType extends DeferredCellType {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofBoolean("resetAfter", true,
                    "true: r scales W_hn h + b_hn (PyTorch); false: n = tanh(W_in x + b_in + W_hn (r h) + b_hn) (Cho et al. 2014)"));
    static final List<String> GATES = List.of("reset", "update", "new");

    /** The plugin at its defaults. */
    public GruCellType() {
        this(null);
    }

    private GruCellType(Params params) {
        super("gru", "Gated recurrent unit as PyTorch's nn.GRU: gates r, z, n; h' = (1 - z) n + z h",
                PARAMETERS, params);
    }

    @Override
    public CellType configure(Params p) {
        return new GruCellType(p);
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        return new GruCell(inputSize, hiddenSize, params().getBoolean("resetAfter"));
    }

    /**
     * One step's buffers. {@code gi} is W_i x + b_i for all three gates, and in backward the
     * gradient of the gates' pre-activations; {@code gh} is W_h h + b_h, whose n block the reset
     * gate's gradient needs.
     */
    private static final class Cache implements StepCache {
        final DMatrixRMaj gi;
        final DMatrixRMaj gh;
        /** r, z and n. */
        final DMatrixRMaj gates;
        /** resetAfter false only: r * h, and the gradient of W_hn (r * h) with respect to it. */
        final DMatrixRMaj resetState;
        final DMatrixRMaj dResetState;

        Cache(int batch, int hidden, boolean resetAfter) {
            gi = new DMatrixRMaj(batch, 3 * hidden);
            gh = new DMatrixRMaj(batch, 3 * hidden);
            gates = new DMatrixRMaj(batch, 3 * hidden);
            resetState = resetAfter ? null : new DMatrixRMaj(batch, hidden);
            dResetState = resetAfter ? null : new DMatrixRMaj(batch, hidden);
        }
    }

    private static final class GruCell extends SizedCell {
        private final boolean resetAfter;
        private final List<Parameter> parameters;
        private final OperandWeights input;
        private final OperandWeights hidden;

        GruCell(int inputSize, int hiddenSize, boolean resetAfter) {
            super("gru", inputSize, hiddenSize);
            this.resetAfter = resetAfter;
            PluginRef init = PytorchDefaults.uniform(hiddenSize);
            int rows = 3 * hiddenSize;
            Parameter weightIh = Parameter.gatedMatrix("weight_ih", ParameterRole.INPUT_WEIGHT, GATES, rows, inputSize, init);
            Parameter weightHh = Parameter.gatedMatrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, GATES, rows, hiddenSize, init);
            Parameter biasIh = Parameter.gatedVector("bias_ih", ParameterRole.BIAS, GATES, rows, init);
            Parameter biasHh = Parameter.gatedVector("bias_hh", ParameterRole.BIAS, GATES, rows, init);
            this.parameters = List.of(weightIh, weightHh, biasIh, biasHh);
            this.input = new OperandWeights(weightIh, biasIh);
            this.hidden = new OperandWeights(weightHh, biasHh);
        }

        @Override
        public List<Parameter> parameters() {
            return parameters;
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(batch, hiddenSize(), resetAfter);
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache c = (Cache) stepCache;
            DMatrixRMaj h = prev[0];
            input.forward(x, c.gi);
            hidden.forward(h, c.gh);
            if (resetAfter) {
                gatesAndState(c.gi, c.gh, c.gates, h, next[0]);
            } else {
                resetAndUpdate(c.gi, c.gh, c.gates, h, c.resetState);
                hidden.forward(c.resetState, c.gh);
                candidateAndState(c.gi, c.gh, c.gates, h, next[0]);
            }
            Kernels.copy(next[0], output);
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            DMatrixRMaj h = prev[0];
            DMatrixRMaj dh = dPrev[0];
            if (resetAfter) {
                // gi becomes dL/d gi; with its n block times r it is dL/d gh.
                gateGradients(c.gates, c.gh, h, dOutput, dNext[0], c.gi, dh);
                input.backward(c.gi, x, dx);
                scaleNewBlockByReset(c.gates, c.gi);
                hidden.backwardAdd(c.gi, h, dh);
            } else {
                // gh, free in backward, becomes [0, 0, dL/d n_pre], the gradient of W_hh (r h) + b_hh.
                updateAndCandidateGradients(c.gates, h, dOutput, dNext[0], c.gi, c.gh, dh);
                hidden.backward(c.gh, c.resetState, c.dResetState);
                resetGradient(c.gates, h, c.dResetState, c.gi, dh);
                input.backward(c.gi, x, dx);
                zeroBlock(c.gi, 2);
                hidden.backwardAdd(c.gi, h, dh);
            }
        }

        // ---- resetAfter = true: one fused pass each way ----

        private void gatesAndState(DMatrixRMaj gi, DMatrixRMaj gh, DMatrixRMaj gates, DMatrixRMaj h, DMatrixRMaj hNext) {
            final int width = hiddenSize();
            final double[] a = gi.data;
            final double[] b = gh.data;
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] hn = hNext.data;
            for (int row = 0, k = 0; row < h.numRows; row++) {
                int base = 3 * width * row;
                for (int i = 0; i < width; i++, k++) {
                    int ri = base + i;
                    int zi = ri + width;
                    int ni = zi + width;
                    double r = CellLoops.sigmoid(a[ri] + b[ri]);
                    double z = CellLoops.sigmoid(a[zi] + b[zi]);
                    double n = Math.tanh(a[ni] + r * b[ni]);
                    g[ri] = r;
                    g[zi] = z;
                    g[ni] = n;
                    hn[k] = n + z * (hp[k] - n);
                }
            }
        }

        /**
         * d = dL/d [r_pre, z_pre, n_pre] (the gradient of gi), and dh = dL/dh' z, the direct path
         * to the previous state.
         */
        private void gateGradients(DMatrixRMaj gates, DMatrixRMaj gh, DMatrixRMaj h, DMatrixRMaj dOutput,
                DMatrixRMaj dNext, DMatrixRMaj d, DMatrixRMaj dh) {
            final int width = hiddenSize();
            final double[] g = gates.data;
            final double[] b = gh.data;
            final double[] hp = h.data;
            final double[] dy = dOutput.data;
            final double[] dn1 = dNext.data;
            final double[] dd = d.data;
            final double[] dhp = dh.data;
            for (int row = 0, k = 0; row < h.numRows; row++) {
                int base = 3 * width * row;
                for (int i = 0; i < width; i++, k++) {
                    int ri = base + i;
                    int zi = ri + width;
                    int ni = zi + width;
                    double r = g[ri];
                    double z = g[zi];
                    double n = g[ni];
                    double grad = dy[k] + dn1[k];
                    double dnPre = grad * (1 - z) * (1 - n * n);
                    dd[ri] = dnPre * b[ni] * r * (1 - r);
                    dd[zi] = grad * (hp[k] - n) * z * (1 - z);
                    dd[ni] = dnPre;
                    dhp[k] = grad * z;
                }
            }
        }

        /** d's n block *= r: dL/d n_pre becomes dL/d (W_hn h + b_hn). */
        private void scaleNewBlockByReset(DMatrixRMaj gates, DMatrixRMaj d) {
            final int width = hiddenSize();
            final double[] g = gates.data;
            final double[] dd = d.data;
            for (int row = 0; row < d.numRows; row++) {
                int base = 3 * width * row;
                for (int i = 0; i < width; i++) {
                    dd[base + 2 * width + i] *= g[base + i];
                }
            }
        }

        // ---- resetAfter = false: r must be known before the product that n needs ----

        /** r and z into gates, and r * h. */
        private void resetAndUpdate(DMatrixRMaj gi, DMatrixRMaj gh, DMatrixRMaj gates, DMatrixRMaj h,
                DMatrixRMaj resetState) {
            final int width = hiddenSize();
            final double[] a = gi.data;
            final double[] b = gh.data;
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] rh = resetState.data;
            for (int row = 0, k = 0; row < h.numRows; row++) {
                int base = 3 * width * row;
                for (int i = 0; i < width; i++, k++) {
                    int ri = base + i;
                    int zi = ri + width;
                    double r = CellLoops.sigmoid(a[ri] + b[ri]);
                    g[ri] = r;
                    g[zi] = CellLoops.sigmoid(a[zi] + b[zi]);
                    rh[k] = r * hp[k];
                }
            }
        }

        /** n from gi and gh = (r h) W_hhᵀ + b_hh, then h'. */
        private void candidateAndState(DMatrixRMaj gi, DMatrixRMaj gh, DMatrixRMaj gates, DMatrixRMaj h,
                DMatrixRMaj hNext) {
            final int width = hiddenSize();
            final double[] a = gi.data;
            final double[] b = gh.data;
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] hn = hNext.data;
            for (int row = 0, k = 0; row < h.numRows; row++) {
                int base = 3 * width * row;
                for (int i = 0; i < width; i++, k++) {
                    int ni = base + 2 * width + i;
                    double n = Math.tanh(a[ni] + b[ni]);
                    g[ni] = n;
                    hn[k] = n + g[base + width + i] * (hp[k] - n);
                }
            }
        }

        /**
         * The z and n blocks of d, e = [0, 0, dL/d n_pre], and dh = dL/dh' z. The r block of d
         * waits for dL/d (r h) = e W_hh.
         */
        private void updateAndCandidateGradients(DMatrixRMaj gates, DMatrixRMaj h, DMatrixRMaj dOutput,
                DMatrixRMaj dNext, DMatrixRMaj d, DMatrixRMaj e, DMatrixRMaj dh) {
            final int width = hiddenSize();
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] dy = dOutput.data;
            final double[] dn1 = dNext.data;
            final double[] dd = d.data;
            final double[] ee = e.data;
            final double[] dhp = dh.data;
            for (int row = 0, k = 0; row < h.numRows; row++) {
                int base = 3 * width * row;
                for (int i = 0; i < width; i++, k++) {
                    int zi = base + width + i;
                    int ni = zi + width;
                    double z = g[zi];
                    double n = g[ni];
                    double grad = dy[k] + dn1[k];
                    double dnPre = grad * (1 - z) * (1 - n * n);
                    dd[zi] = grad * (hp[k] - n) * z * (1 - z);
                    dd[ni] = dnPre;
                    ee[base + i] = 0;
                    ee[zi] = 0;
                    ee[ni] = dnPre;
                    dhp[k] = grad * z;
                }
            }
        }

        /** From dL/d (r h): the r block of d, and dh += dL/d (r h) r. */
        private void resetGradient(DMatrixRMaj gates, DMatrixRMaj h, DMatrixRMaj dResetState, DMatrixRMaj d,
                DMatrixRMaj dh) {
            final int width = hiddenSize();
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] drh = dResetState.data;
            final double[] dd = d.data;
            final double[] dhp = dh.data;
            for (int row = 0, k = 0; row < h.numRows; row++) {
                int base = 3 * width * row;
                for (int i = 0; i < width; i++, k++) {
                    double r = g[base + i];
                    dd[base + i] = drh[k] * hp[k] * r * (1 - r);
                    dhp[k] += drh[k] * r;
                }
            }
        }

        private void zeroBlock(DMatrixRMaj d, int block) {
            final int width = hiddenSize();
            for (int row = 0; row < d.numRows; row++) {
                int from = 3 * width * row + block * width;
                java.util.Arrays.fill(d.data, from, from + width, 0.0);
            }
        }
    }
}
