package org.rnnlab.architectures;

import java.util.ArrayList;
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
 * The intersection RNN, +RNN (Collins, Sohl-Dickstein, Sussillo 2017, "Capacity and Trainability in
 * Recurrent Neural Networks", ICLR): a gated highway through time for the state and another through
 * depth for the output, so deep stacks of it train,
 *
 * <pre>
 * y_in = s1(W_yx x + W_yh h + b_y)              output candidate
 * h_in = s2(W_hx x + W_hh h + b_h)              state candidate
 * g_y  = σ(W_gyx x + W_gyh h + b_gy + b_fg)     output gate
 * g_h  = σ(W_ghx x + W_ghh h + b_gh + b_fg)     state gate
 * y    = g_y * x + (1 - g_y) * y_in             output, what the layer above sees
 * h'   = g_h * h + (1 - g_h) * h_in             next state
 * </pre>
 *
 * <p>The output differs from the state; both have H units. Since y carries x itself, x must have H
 * features: when the layer's input has I != H, it is first projected, x = W_proj x_in with a
 * learned {@code weight_proj} [H x I] (role {@link ParameterRole#INPUT_WEIGHT}, initialized as
 * nn.Linear(I, H) initializes its weight, uniform in ±1/sqrt(I)), and the projected x is what every
 * line above reads, as in TensorFlow's {@code IntersectionRNNCell}, the authors' implementation
 * (which also gives the projection a bias; this one has none).
 *
 * <p>Parameters, gate blocks in the order of the equations (gate names {@code output_candidate},
 * {@code state_candidate}, {@code output_gate}, {@code state_gate}): {@code weight_proj} only when
 * I != H, {@code weight_ih} [4H x H], {@code weight_hh} [4H x H] and one bias {@code bias_ih} [4H],
 * initialized by default uniform in ±1/sqrt(H) as PyTorch initializes its recurrent cells.
 *
 * <p>Options: {@code outputActivation} s1, default relu, and {@code activation} s2, default tanh,
 * as in the paper; {@code gateBias} b_fg, a constant added to both gates' pre-activations, default
 * 1.0 as TensorFlow's {@code forget_bias} (0 gives the equations without it).
 *
 * <p>The cell projects its inputs ahead of the time loop ({@link ProjectedInputCell}) with 5H
 * columns per row, the four gate blocks of x W_ihᵀ + b_ih followed by x itself (projected x when
 * I != H), because x reaches the step through the output's highway as well as through W_ih; backward
 * writes dL/dp and the highway's part of dL/dx in the same columns, so that after the backward loop
 * dL/dx, W_ih's and b_ih's gradients and, when present, weight_proj's take one product each.
 */
public final class PlusRnnCellType extends DeferredCellType {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofPlugin("activation", PluginKind.ACTIVATION, "tanh", "the state candidate's nonlinearity s2"),
            ParamSpec.ofPlugin("outputActivation", PluginKind.ACTIVATION, "relu", "the output candidate's nonlinearity s1"),
            ParamSpec.ofDouble("gateBias", 1.0, Range.any(), "b_fg, a constant added to both gates' pre-activations"));
    static final List<String> GATES = List.of("output_candidate", "state_candidate", "output_gate", "state_gate");

    /** The plugin at its defaults. */
    public PlusRnnCellType() {
        this(null);
    }

    private PlusRnnCellType(Params params) {
        super("plus_rnn", "Intersection RNN (Collins et al. 2017): gated highways through time for h and through depth for y",
                PARAMETERS, params, PlusRnnCellType::new);
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        Params p = params();
        return new PlusRnnCell(inputSize, hiddenSize, p.getPlugin("outputActivation", Activation.class),
                p.getPlugin("activation", Activation.class), p.getDouble("gateBias"));
    }

    /**
     * The four blocks side by side: pre-activations, their values, and in backward the gradients of
     * the pre-activations; and x', the input the output carries (the projected input, or with the
     * inputs projected ahead a copy of it), with its gradient.
     */
    private static final class Cache implements StepCache {
        final DMatrixRMaj pre;
        final DMatrixRMaj act;
        final DMatrixRMaj d;
        /**
         * x'. Step by step with I == H the cell reads x itself and leaves this unused; it is there
         * anyway because the cache does not know which way the engine will run the step.
         */
        final DMatrixRMaj carried;
        final DMatrixRMaj dCarried;

        Cache(int batch, int hidden) {
            pre = new DMatrixRMaj(batch, 4 * hidden);
            act = new DMatrixRMaj(batch, 4 * hidden);
            d = new DMatrixRMaj(batch, 4 * hidden);
            carried = new DMatrixRMaj(batch, hidden);
            dCarried = new DMatrixRMaj(batch, hidden);
        }
    }

    private static final class PlusRnnCell extends SizedCell implements ProjectedInputCell {
        private static final int OUTPUT_CANDIDATE = 0;
        private static final int STATE_CANDIDATE = 1;
        private static final int OUTPUT_GATE = 2;
        private static final int STATE_GATE = 3;
        private final Activation s1;
        private final Activation s2;
        private final double gateBias;
        /** Null when the input already has H features. */
        private final OperandWeights projection;
        private final OperandWeights input;
        private final OperandWeights hidden;
        /**
         * Scratch of {@link #projectInputs} and {@link #backProjectInputs} over a range's stacked rows:
         * the four gate blocks (p, then dL/dp), x' and dL/dx' (the last two with a projection only),
         * each a matrix of its own for the products. Sized on demand, they grow only when a range
         * has more rows than any before; nothing in them outlives a call.
         */
        private final DMatrixRMaj stackedGates = new DMatrixRMaj(0, 0);
        private final DMatrixRMaj stackedCarried = new DMatrixRMaj(0, 0);
        private final DMatrixRMaj stackedCarriedGradients = new DMatrixRMaj(0, 0);

        // The step that the row loops work on, set before each forRows: with the loops as bound method
        // references made once, a step allocates nothing.
        private Cache rowCache;
        private DMatrixRMaj rowCarried;
        private DMatrixRMaj[] rowPrev;
        private DMatrixRMaj[] rowNext;
        private DMatrixRMaj rowOutput;
        private DMatrixRMaj rowDOutput;
        private DMatrixRMaj[] rowDNext;
        private DMatrixRMaj rowDCarried;
        private DMatrixRMaj[] rowDPrev;
        private final RowTask forwardRows = this::forwardRows;
        private final RowTask backwardRows = this::backwardRows;

        PlusRnnCell(int inputSize, int hiddenSize, Activation s1, Activation s2, double gateBias) {
            super("plus_rnn", inputSize, hiddenSize);
            this.s1 = s1;
            this.s2 = s2;
            this.gateBias = gateBias;
            PluginRef init = PytorchDefaults.uniform(hiddenSize);
            int rows = 4 * hiddenSize;
            List<Parameter> list = new ArrayList<>();
            if (inputSize != hiddenSize) {
                // nn.Linear(I, H)'s weight default is the same uniform law with fan-in I.
                Parameter weightProj = Parameter.matrix("weight_proj", ParameterRole.INPUT_WEIGHT, 1, hiddenSize,
                        inputSize, PytorchDefaults.uniform(inputSize));
                list.add(weightProj);
                this.projection = new OperandWeights(weightProj, null);
            } else {
                this.projection = null;
            }
            Parameter weightIh = Parameter.gatedMatrix("weight_ih", ParameterRole.INPUT_WEIGHT, GATES, rows, hiddenSize, init);
            Parameter weightHh = Parameter.gatedMatrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, GATES, rows, hiddenSize, init);
            Parameter biasIh = Parameter.gatedVector("bias_ih", ParameterRole.BIAS, GATES, rows, init);
            list.addAll(List.of(weightIh, weightHh, biasIh));
            declare(list);
            this.input = new OperandWeights(weightIh, biasIh);
            this.hidden = new OperandWeights(weightHh, null);
        }

        /** The output y mixes the input with its own candidate; it is not the state h. */
        @Override
        public boolean outputIsState() {
            return false;
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(batch, hiddenSize());
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache c = (Cache) stepCache;
            DMatrixRMaj carried = x;
            if (projection != null) {
                projection.forward(x, c.carried);
                carried = c.carried;
            }
            input.forward(carried, c.pre);
            hidden.forwardAdd(prev[0], c.pre);
            fromPreActivations(c, carried, prev, next, output);
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            DMatrixRMaj carried = projection == null ? x : c.carried;
            DMatrixRMaj dCarried = projection == null ? dx : c.dCarried;
            backwardToInputSide(c, carried, prev, dOutput, dNext, dCarried, dPrev);
            input.backwardAdd(c.d, carried, dCarried);
            if (projection != null) {
                projection.backward(c.dCarried, x, dx);
            }
        }

        /** Four gate blocks, then x' itself for the output's highway. */
        @Override
        public int projectionWidth() {
            return 5 * hiddenSize();
        }

        @Override
        public void projectInputs(DMatrixRMaj inputs, DMatrixRMaj projections) {
            int rows = inputs.numRows;
            int width = hiddenSize();
            DMatrixRMaj carried = carriedInputs(inputs);
            stackedGates.reshape(rows, 4 * width);
            input.forward(carried, stackedGates);
            CellLoops.copyBlock(stackedGates, 0, 0, projections, 0, 0, rows, 4 * width);
            CellLoops.copyBlock(carried, 0, 0, projections, 0, 4 * width, rows, width);
        }

        @Override
        public void beforeForwardRange() {
            hidden.takeTranspose();
        }

        /**
         * x' goes into the cache as well as into the output: backward needs it, and by then the
         * engine has reused the projections' rows for gradients (of this range or of another).
         */
        @Override
        public void forwardProjected(DMatrixRMaj projections, int row, DMatrixRMaj[] prev, DMatrixRMaj[] next,
                DMatrixRMaj output, StepCache stepCache) {
            Cache c = (Cache) stepCache;
            int width = hiddenSize();
            int batch = c.pre.numRows;
            CellLoops.copyBlock(projections, row, 0, c.pre, 0, 0, batch, 4 * width);
            CellLoops.copyBlock(projections, row, 4 * width, c.carried, 0, 0, batch, width);
            hidden.forwardAddTransposed(prev[0], c.pre);
            fromPreActivations(c, c.carried, prev, next, output);
        }

        /** dL/dp into the four gate blocks of the step's rows, the output's direct dL/dx' into the last. */
        @Override
        public void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            int width = hiddenSize();
            int batch = c.pre.numRows;
            backwardToInputSide(c, c.carried, prev, dOutput, dNext, c.dCarried, dPrev);
            CellLoops.copyBlock(c.d, 0, 0, dProjections, row, 0, batch, 4 * width);
            CellLoops.copyBlock(c.dCarried, 0, 0, dProjections, row, 4 * width, batch, width);
        }

        /**
         * dL/dx' = dL/dp W_ih + the direct part, W_ih's and b_ih's gradients from dL/dp and x', then
         * back through W_proj when there is one. x' is projected again from the inputs rather than
         * kept from {@link #projectInputs}: a range's backward need not follow its own forward (the
         * diagnostics run backward passes over single steps of one long forward), and that product
         * costs I / 4H of one with W_ih.
         */
        @Override
        public void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs) {
            int rows = inputs.numRows;
            int width = hiddenSize();
            stackedGates.reshape(rows, 4 * width);
            CellLoops.copyBlock(dProjections, 0, 0, stackedGates, 0, 0, rows, 4 * width);
            DMatrixRMaj carried = carriedInputs(inputs);
            DMatrixRMaj dCarried = dInputs;
            if (projection != null) {
                stackedCarriedGradients.reshape(rows, width);
                dCarried = stackedCarriedGradients;
            }
            if (dCarried == null) {
                // No projection and no input gradient wanted: only W_ih's and b_ih's gradients.
                input.backward(stackedGates, carried, null);
                return;
            }
            CellLoops.copyBlock(dProjections, 0, 4 * width, dCarried, 0, 0, rows, width);
            input.backwardAdd(stackedGates, carried, dCarried);
            if (projection != null) {
                projection.backward(dCarried, inputs, dInputs);
            }
        }

        /** x' for stacked inputs: the inputs themselves, or their projection into {@link #stackedCarried}. */
        private DMatrixRMaj carriedInputs(DMatrixRMaj inputs) {
            if (projection == null) {
                return inputs;
            }
            stackedCarried.reshape(inputs.numRows, hiddenSize());
            projection.forward(inputs, stackedCarried);
            return stackedCarried;
        }

        /**
         * The step once the pre-activations x' W_ihᵀ + b_ih + h W_hhᵀ are in the cache; its loops go row
         * by row, so two threads may share the rows (Kernels.forRows).
         */
        private void fromPreActivations(Cache c, DMatrixRMaj carried, DMatrixRMaj[] prev, DMatrixRMaj[] next,
                DMatrixRMaj output) {
            rowCache = c;
            rowCarried = carried;
            rowPrev = prev;
            rowNext = next;
            rowOutput = output;
            Kernels.forRows(c.pre.numRows, c.pre.numCols, forwardRows);
        }

        private void forwardRows(int from, int to) {
            final int width = hiddenSize();
            final Cache c = rowCache;
            CellLoops.activate(s1, c.pre, c.act, OUTPUT_CANDIDATE, width, from, to);
            CellLoops.activate(s2, c.pre, c.act, STATE_CANDIDATE, width, from, to);
            CellLoops.gate(c.pre, gateBias, c.act, OUTPUT_GATE, width, from, to);
            CellLoops.gate(c.pre, gateBias, c.act, STATE_GATE, width, from, to);
            CellLoops.couple(c.act, OUTPUT_CANDIDATE, OUTPUT_GATE, rowCarried, rowOutput, from, to);
            CellLoops.couple(c.act, STATE_CANDIDATE, STATE_GATE, rowPrev[0], rowNext[0], from, to);
        }

        /**
         * Backward up to the input side: dL/d pre-activations into the cache's d, the output's direct
         * dL/dx' (its highway alone) into dCarried, dL/dh and W_hh's gradient.
         */
        private void backwardToInputSide(Cache c, DMatrixRMaj carried, DMatrixRMaj[] prev, DMatrixRMaj dOutput,
                DMatrixRMaj[] dNext, DMatrixRMaj dCarried, DMatrixRMaj[] dPrev) {
            rowCache = c;
            rowCarried = carried;
            rowPrev = prev;
            rowDOutput = dOutput;
            rowDNext = dNext;
            rowDCarried = dCarried;
            rowDPrev = dPrev;
            Kernels.forRows(c.d.numRows, c.d.numCols, backwardRows);
            hidden.backwardAdd(c.d, prev[0], dPrev[0]);
        }

        private void backwardRows(int from, int to) {
            final int width = hiddenSize();
            final Cache c = rowCache;
            CellLoops.coupleBackward(rowDOutput, null, c.act, OUTPUT_CANDIDATE, OUTPUT_GATE, rowCarried, c.d, rowDCarried,
                    from, to);
            CellLoops.coupleBackward(rowDNext[0], null, c.act, STATE_CANDIDATE, STATE_GATE, rowPrev[0], c.d, rowDPrev[0],
                    from, to);
            CellLoops.activateBackward(s1, c.pre, c.act, c.d, OUTPUT_CANDIDATE, width, from, to);
            CellLoops.activateBackward(s2, c.pre, c.act, c.d, STATE_CANDIDATE, width, from, to);
        }
    }
}
