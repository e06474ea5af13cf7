package org.rnnlab.architectures;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.RowTask;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.PluginRef;
import org.rnnlab.params.Range;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.ProjectedInputCell;
import org.rnnlab.spi.StepCache;

/**
 * The update-gate RNN (Collins, Sohl-Dickstein, Sussillo 2017, "Capacity and Trainability in
 * Recurrent Neural Networks", ICLR): an Elman network whose units each decide, through one gate,
 * how much to integrate and how much to compute afresh,
 *
 * <pre>
 * c  = s(W_cx x + W_ch h + b_c)            candidate
 * g  = σ(W_gx x + W_gh h + b_g + b_fg)     update gate
 * h' = g * h + (1 - g) * c                 next state and output
 * </pre>
 *
 * <p>Parameters, gate blocks in the order c, g (gate names {@code candidate}, {@code update}):
 * {@code weight_ih} [2H x I] = [W_cx; W_gx], {@code weight_hh} [2H x H] = [W_ch; W_gh] and one bias
 * {@code bias_ih} [2H] = [b_c; b_g], as in the paper (a second bias would only be added to it).
 * PyTorch has no such cell; they are initialized by default as it initializes its own, uniform in
 * ±1/sqrt(H).
 *
 * <p>Options: {@code activation} s, any registered activation, default tanh; {@code gateBias}
 * b_fg, a constant (not trained) added to the gate's pre-activation so that units start out
 * integrating more than they overwrite. Its default 1.0 is the {@code forget_bias} of TensorFlow's
 * {@code UGRNNCell}, the implementation the paper's authors published with it.
 */
public final class UgrnnCellType extends DeferredCellType {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofPlugin("activation", PluginKind.ACTIVATION, "tanh", "the candidate's nonlinearity s"),
            ParamSpec.ofDouble("gateBias", 1.0, Range.any(), "b_fg, a constant added to the update gate's pre-activation"));
    static final List<String> GATES = List.of("candidate", "update");

    /** The plugin at its defaults. */
    public UgrnnCellType() {
        this(null);
    }

    private UgrnnCellType(Params params) {
        super("ugrnn", "Update-gate RNN (Collins et al. 2017): h' = g h + (1 - g) s(W_c [x, h] + b_c)",
                PARAMETERS, params, UgrnnCellType::new);
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        Params p = params();
        return new UgrnnCell(inputSize, hiddenSize, p.getPlugin("activation", Activation.class), p.getDouble("gateBias"));
    }

    /** Blocks c and g side by side: pre-activations, their values, and in backward the gradients of the pre-activations. */
    private static final class Cache implements StepCache {
        final DMatrixRMaj pre;
        final DMatrixRMaj act;
        final DMatrixRMaj d;

        Cache(int batch, int hidden) {
            pre = new DMatrixRMaj(batch, 2 * hidden);
            act = new DMatrixRMaj(batch, 2 * hidden);
            d = new DMatrixRMaj(batch, 2 * hidden);
        }
    }

    private static final class UgrnnCell extends SizedCell implements ProjectedInputCell {
        private static final int CANDIDATE = 0;
        private static final int GATE = 1;
        private final Activation s;
        private final double gateBias;
        private final OperandWeights input;
        private final OperandWeights hidden;

        // The step that the row loops work on, set before each forRows: with the loops as bound method
        // references made once, a step allocates nothing.
        private Cache rowCache;
        private DMatrixRMaj[] rowPrev;
        private DMatrixRMaj[] rowNext;
        private DMatrixRMaj rowDOutput;
        private DMatrixRMaj[] rowDNext;
        private DMatrixRMaj[] rowDPrev;
        private final RowTask forwardRows = this::forwardRows;
        private final RowTask backwardRows = this::backwardRows;

        UgrnnCell(int inputSize, int hiddenSize, Activation s, double gateBias) {
            super("ugrnn", inputSize, hiddenSize);
            this.s = s;
            this.gateBias = gateBias;
            PluginRef init = PytorchDefaults.uniform(hiddenSize);
            int rows = 2 * hiddenSize;
            Parameter weightIh = Parameter.gatedMatrix("weight_ih", ParameterRole.INPUT_WEIGHT, GATES, rows, inputSize, init);
            Parameter weightHh = Parameter.gatedMatrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, GATES, rows, hiddenSize, init);
            Parameter biasIh = Parameter.gatedVector("bias_ih", ParameterRole.BIAS, GATES, rows, init);
            declare(List.of(weightIh, weightHh, biasIh));
            this.input = new OperandWeights(weightIh, biasIh);
            this.hidden = new OperandWeights(weightHh, null);
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(batch, hiddenSize());
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache c = (Cache) stepCache;
            input.forward(x, c.pre);
            hidden.forwardAdd(prev[0], c.pre);
            fromPreActivations(c, prev, next, output);
        }

        @Override
        public int projectionWidth() {
            return 2 * hiddenSize();
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
            Kernels.copyRows(projections, row, c.pre, 0, c.pre.numRows);
            hidden.forwardAddTransposed(prev[0], c.pre);
            fromPreActivations(c, prev, next, output);
        }

        @Override
        public void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            gatesBackward(c, prev, dOutput, dNext, dPrev);
            Kernels.copyRows(c.d, 0, dProjections, row, c.d.numRows);
            hidden.backwardAdd(c.d, prev[0], dPrev[0]);
        }

        @Override
        public void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs) {
            input.backward(dProjections, inputs, dInputs);
        }

        /**
         * The step once the pre-activations x W_ihᵀ + b_ih + h W_hhᵀ are in the cache; its loops go row
         * by row, so two threads may share the rows (Kernels.forRows).
         */
        private void fromPreActivations(Cache c, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output) {
            rowCache = c;
            rowPrev = prev;
            rowNext = next;
            Kernels.forRows(c.pre.numRows, c.pre.numCols, forwardRows);
            Kernels.copy(next[0], output);
        }

        private void forwardRows(int from, int to) {
            final int width = hiddenSize();
            final Cache c = rowCache;
            CellLoops.activate(s, c.pre, c.act, CANDIDATE, width, from, to);
            CellLoops.gate(c.pre, gateBias, c.act, GATE, width, from, to);
            CellLoops.couple(c.act, CANDIDATE, GATE, rowPrev[0], rowNext[0], from, to);
        }

        /** The gradients of the pre-activations into the cache's d, and dL/dh by the gate's path into dPrev[0]. */
        private void gatesBackward(Cache c, DMatrixRMaj[] prev, DMatrixRMaj dOutput, DMatrixRMaj[] dNext,
                DMatrixRMaj[] dPrev) {
            rowCache = c;
            rowPrev = prev;
            rowDOutput = dOutput;
            rowDNext = dNext;
            rowDPrev = dPrev;
            Kernels.forRows(c.d.numRows, c.d.numCols, backwardRows);
        }

        private void backwardRows(int from, int to) {
            final Cache c = rowCache;
            CellLoops.coupleBackward(rowDOutput, rowDNext[0], c.act, CANDIDATE, GATE, rowPrev[0], c.d, rowDPrev[0], from,
                    to);
            CellLoops.activateBackward(s, c.pre, c.act, c.d, CANDIDATE, hiddenSize(), from, to);
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            gatesBackward(c, prev, dOutput, dNext, dPrev);
            input.backward(c.d, x, dx);
            hidden.backwardAdd(c.d, prev[0], dPrev[0]);
        }
    }
}
