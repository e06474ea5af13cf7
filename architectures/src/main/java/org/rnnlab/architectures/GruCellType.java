package org.rnnlab.architectures;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.ElementFunctions;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.RowTask;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.ProjectedInputCell;
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
                PARAMETERS, params, GruCellType::new);
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        return new GruCell(inputSize, hiddenSize, params().getBoolean("resetAfter"));
    }

    /**
     * One step's buffers. {@code gi} is W_ih x + b_ih for all three gates, and in backward the
     * gradient of their pre-activations. {@code gh} is W_hh h + b_hh, whose n block the reset gate's
     * gradient needs in PyTorch's form; Cho et al.'s form overwrites it with W_hh (r h) + b_hh
     * and uses it in backward for the gradient of that.
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

    private static final class GruCell extends SizedCell implements ProjectedInputCell {
        private final boolean resetAfter;
        private final OperandWeights input;
        private final OperandWeights hidden;

        // The step that the row loops work on, set before each forRows: with the loops as bound method
        // references made once, a step allocates nothing.
        private Cache rowCache;
        private DMatrixRMaj rowH;
        private DMatrixRMaj rowHNext;
        private DMatrixRMaj rowDOutput;
        private DMatrixRMaj rowDNext;
        private DMatrixRMaj rowDh;
        private final RowTask forwardRows = this::forwardRows;
        private final RowTask candidateRows = this::candidateRows;
        private final RowTask backwardRows = this::backwardRows;
        private final RowTask resetGradientRows = this::resetGradientRows;

        GruCell(int inputSize, int hiddenSize, boolean resetAfter) {
            super("gru", inputSize, hiddenSize);
            this.resetAfter = resetAfter;
            PluginRef init = PytorchDefaults.uniform(hiddenSize);
            int rows = 3 * hiddenSize;
            Parameter weightIh = Parameter.gatedMatrix("weight_ih", ParameterRole.INPUT_WEIGHT, GATES, rows, inputSize, init);
            Parameter weightHh = Parameter.gatedMatrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, GATES, rows, hiddenSize, init);
            Parameter biasIh = Parameter.gatedVector("bias_ih", ParameterRole.BIAS, GATES, rows, init);
            Parameter biasHh = Parameter.gatedVector("bias_hh", ParameterRole.BIAS, GATES, rows, init);
            declare(List.of(weightIh, weightHh, biasIh, biasHh));
            this.input = new OperandWeights(weightIh, biasIh);
            this.hidden = new OperandWeights(weightHh, biasHh);
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(batch, hiddenSize(), resetAfter);
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache c = (Cache) stepCache;
            input.forward(x, c.gi);
            forwardFromInputSide(c, prev[0], next, output, false);
        }

        @Override
        public int projectionWidth() {
            return 3 * hiddenSize();
        }

        @Override
        public void projectInputs(DMatrixRMaj inputs, DMatrixRMaj projections) {
            input.forward(inputs, projections);
        }

        @Override
        public void beforeForwardRange() {
            hidden.takeTranspose();
        }

        @Override
        public void forwardProjected(DMatrixRMaj projections, int row, DMatrixRMaj[] prev, DMatrixRMaj[] next,
                DMatrixRMaj output, StepCache stepCache) {
            Cache c = (Cache) stepCache;
            Kernels.copyRows(projections, row, c.gi, 0, c.gi.numRows);
            forwardFromInputSide(c, prev[0], next, output, true);
        }

        /**
         * The step once gi = W_ih x + b_ih is in the cache; projected steps read W_hh through the
         * transpose {@link #projectInputs} took.
         */
        private void forwardFromInputSide(Cache c, DMatrixRMaj h, DMatrixRMaj[] next, DMatrixRMaj output,
                boolean projected) {
            hiddenForward(h, c.gh, projected);
            rowCache = c;
            rowH = h;
            rowHNext = next[0];
            // The gate loops go row by row, so two threads may share the rows (Kernels.forRows).
            Kernels.forRows(h.numRows, 3 * hiddenSize(), forwardRows);
            if (!resetAfter) {
                hiddenForward(c.resetState, c.gh, projected);
                Kernels.forRows(h.numRows, hiddenSize(), candidateRows);
            }
            Kernels.copy(next[0], output);
        }

        /** r and z, then in PyTorch's form n and h', for rows [from, to). */
        private void forwardRows(int from, int to) {
            resetAndUpdate(rowCache.gi, rowCache.gh, rowCache.gates, rowH, rowCache.resetState, from, to);
            if (resetAfter) {
                candidateRows(from, to);
            }
        }

        private void candidateRows(int from, int to) {
            candidateAndState(rowCache.gi, rowCache.gh, rowCache.gates, rowH, rowHNext, from, to);
        }

        /**
         * The gradient d of the three pre-activations goes in gi, which backward no longer needs;
         * for the input side it is d, for the hidden side d with its n block times r (PyTorch's
         * form) or zero (Cho et al.'s, whose n block reaches W_hh through r h instead).
         */
        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            backwardToInputSide(c, prev[0], dOutput, dNext, dPrev[0]);
            input.backward(c.gi, x, dx);
            newBlockForHidden(c.gates, c.gi);
            hidden.backwardAdd(c.gi, prev[0], dPrev[0]);
        }

        @Override
        public void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            backwardToInputSide(c, prev[0], dOutput, dNext, dPrev[0]);
            Kernels.copyRows(c.gi, 0, dProjections, row, c.gi.numRows);
            newBlockForHidden(c.gates, c.gi);
            hidden.backwardAdd(c.gi, prev[0], dPrev[0]);
        }

        /** out = a W_hhᵀ + b_hh, through W_hhᵀ for a projected step. */
        private void hiddenForward(DMatrixRMaj a, DMatrixRMaj out, boolean projected) {
            if (projected) {
                hidden.forwardTransposed(a, out);
            } else {
                hidden.forward(a, out);
            }
        }

        @Override
        public void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs) {
            input.backward(dProjections, inputs, dInputs);
        }

        /**
         * Backward up to the input side: the gradient of the three pre-activations into gi, and dh
         * from every path but the one through W_hh's products of the r and z blocks.
         */
        private void backwardToInputSide(Cache c, DMatrixRMaj h, DMatrixRMaj dOutput, DMatrixRMaj[] dNext,
                DMatrixRMaj dh) {
            rowCache = c;
            rowH = h;
            rowDOutput = dOutput;
            rowDNext = dNext[0];
            rowDh = dh;
            Kernels.forRows(h.numRows, 3 * hiddenSize(), backwardRows);
            if (!resetAfter) {
                // Cho et al.'s form: gh, free in backward, holds [0, 0, dL/d n_pre], the gradient of (r h) W_hhᵀ + b_hh.
                hidden.backward(c.gh, c.resetState, c.dResetState);
                Kernels.forRows(h.numRows, hiddenSize(), resetGradientRows);
            }
        }

        /** The z and n blocks' gradients, then in PyTorch's form the r block's, for rows [from, to). */
        private void backwardRows(int from, int to) {
            updateAndCandidateGradients(rowCache.gates, rowH, rowDOutput, rowDNext, rowCache.gi,
                    resetAfter ? null : rowCache.gh, rowDh, from, to);
            if (resetAfter) {
                resetGradientRows(from, to);
            }
        }

        private void resetGradientRows(int from, int to) {
            resetGradient(rowCache.gates, rowH, rowCache.gh, rowCache.dResetState, rowCache.gi, rowDh, from, to);
        }

        /** r and z into gates from gi + gh; for Cho et al.'s form also r * h. */
        private void resetAndUpdate(DMatrixRMaj gi, DMatrixRMaj gh, DMatrixRMaj gates, DMatrixRMaj h,
                DMatrixRMaj resetState, int from, int to) {
            final int width = hiddenSize();
            final double[] a = gi.data;
            final double[] b = gh.data;
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] rh = resetAfter ? null : resetState.data;
            for (int row = from, k = from * width; row < to; row++) {
                // r and z are side by side: one pass adds, one takes the sigmoid of both blocks.
                final int rowStart = 3 * width * row;
                for (int i = rowStart, end = rowStart + 2 * width; i < end; i++) {
                    g[i] = a[i] + b[i];
                }
                ElementFunctions.sigmoid(g, g, rowStart, 2 * width);
                if (rh != null) {
                    for (int ri = rowStart, end = ri + width; ri < end; ri++, k++) {
                        rh[k] = g[ri] * hp[k];
                    }
                }
            }
        }

        /**
         * n and h' = n + z (h - n). gh's n block is W_hn h + b_hn, which r scales (PyTorch's form),
         * or already W_hn (r h) + b_hn (Cho et al.'s).
         */
        private void candidateAndState(DMatrixRMaj gi, DMatrixRMaj gh, DMatrixRMaj gates, DMatrixRMaj h,
                DMatrixRMaj hNext, int from, int to) {
            final int width = hiddenSize();
            final double[] a = gi.data;
            final double[] b = gh.data;
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] hn = hNext.data;
            for (int row = from, k = from * width; row < to; row++) {
                final int rowStart = 3 * width * row;
                for (int ri = rowStart, end = ri + width; ri < end; ri++) {
                    int ni = ri + 2 * width;
                    g[ni] = a[ni] + (resetAfter ? g[ri] * b[ni] : b[ni]);
                }
                ElementFunctions.tanh(g, g, rowStart + 2 * width, width);
                for (int ri = rowStart, end = ri + width; ri < end; ri++, k++) {
                    double n = g[ri + 2 * width];
                    hn[k] = n + g[ri + width] * (hp[k] - n);
                }
            }
        }

        /**
         * The z and n blocks of d, dh = dL/dh' z (the direct path to the previous state), and for
         * Cho et al.'s form e = [0, 0, dL/d n_pre].
         */
        private void updateAndCandidateGradients(DMatrixRMaj gates, DMatrixRMaj h, DMatrixRMaj dOutput,
                DMatrixRMaj dNext, DMatrixRMaj d, DMatrixRMaj e, DMatrixRMaj dh, int from, int to) {
            final int width = hiddenSize();
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] dy = dOutput.data;
            final double[] dn1 = dNext.data;
            final double[] dd = d.data;
            final double[] ee = e == null ? null : e.data;
            final double[] dhp = dh.data;
            for (int row = from, k = from * width; row < to; row++) {
                for (int ri = 3 * width * row, end = ri + width; ri < end; ri++, k++) {
                    int zi = ri + width;
                    int ni = zi + width;
                    double z = g[zi];
                    double n = g[ni];
                    double grad = dy[k] + dn1[k];
                    double dnPre = grad * (1 - z) * (1 - n * n);
                    dd[zi] = grad * (hp[k] - n) * z * (1 - z);
                    dd[ni] = dnPre;
                    dhp[k] = grad * z;
                    if (ee != null) {
                        ee[ri] = 0;
                        ee[zi] = 0;
                        ee[ni] = dnPre;
                    }
                }
            }
        }

        /**
         * The r block of d from dL/dr: dL/d n_pre (W_hn h + b_hn) in PyTorch's form; dL/d (r h) h in
         * Cho et al.'s, where also dh += dL/d (r h) r.
         */
        private void resetGradient(DMatrixRMaj gates, DMatrixRMaj h, DMatrixRMaj gh, DMatrixRMaj dResetState,
                DMatrixRMaj d, DMatrixRMaj dh, int from, int to) {
            final int width = hiddenSize();
            final double[] g = gates.data;
            final double[] hp = h.data;
            final double[] b = gh.data;
            final double[] drh = resetAfter ? null : dResetState.data;
            final double[] dd = d.data;
            final double[] dhp = dh.data;
            for (int row = from, k = from * width; row < to; row++) {
                for (int ri = 3 * width * row, end = ri + width; ri < end; ri++, k++) {
                    double r = g[ri];
                    double dr;
                    if (drh == null) {
                        int ni = ri + 2 * width;
                        dr = dd[ni] * b[ni];
                    } else {
                        dr = drh[k] * hp[k];
                        dhp[k] += drh[k] * r;
                    }
                    dd[ri] = dr * r * (1 - r);
                }
            }
        }

        /** d's n block times r (PyTorch's form: dL/d (W_hn h + b_hn)), or zero (Cho et al.'s). */
        private void newBlockForHidden(DMatrixRMaj gates, DMatrixRMaj d) {
            final int width = hiddenSize();
            final double[] g = gates.data;
            final double[] dd = d.data;
            for (int row = 0; row < d.numRows; row++) {
                for (int ri = 3 * width * row, end = ri + width; ri < end; ri++) {
                    dd[ri + 2 * width] = resetAfter ? dd[ri + 2 * width] * g[ri] : 0;
                }
            }
        }
    }
}
