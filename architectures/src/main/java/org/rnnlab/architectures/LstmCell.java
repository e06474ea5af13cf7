package org.rnnlab.architectures;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.RowTask;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.ProjectedInputCell;
import org.rnnlab.spi.StepCache;

/**
 * The step of every LSTM of this package: {@link LstmCellType}, {@link LstmPeepholeCellType} and
 * {@link LstmNoForgetCellType}, which differ only in their {@link Variant}. The equations are in
 * those classes' documentation.
 *
 * <p>Layout: the gates' pre-activations of a batch are one [batch x gates·H] matrix, the blocks in
 * PyTorch's row order of {@code weight_ih} (i, f, g, o; without a forget gate i, g, o), so each
 * step takes one product per input ({@code x W_ihᵀ}, then {@code h W_hhᵀ} added) and then fused
 * element-wise loops over each row. The gate blocks that share the gate activation before g
 * (i, or i and f) are contiguous, so one array call activates them.
 */
final class LstmCell extends SizedCell implements ProjectedInputCell {
    private static final List<String> STATE_NAMES = List.of("h", "c");

    /** What distinguishes the LSTMs of this package. */
    enum Variant {
        /** Hochreiter and Schmidhuber 1997 with the forget gate of Gers, Schmidhuber, Cummins 2000; PyTorch's nn.LSTM. */
        STANDARD(true, false),
        /** Gers, Schraudolph, Schmidhuber 2002: peephole vectors from the cell state into the gates. */
        PEEPHOLE(true, true),
        /** Hochreiter and Schmidhuber 1997: no forget gate, the cell state only accumulates. */
        NO_FORGET(false, false);

        final boolean forgetGate;
        final boolean peepholes;

        Variant(boolean forgetGate, boolean peepholes) {
            this.forgetGate = forgetGate;
            this.peepholes = peepholes;
        }

        /** The gate blocks' names in row order. */
        List<String> gateNames() {
            return forgetGate ? List.of("input", "forget", "cell", "output") : List.of("input", "cell", "output");
        }
    }

    /**
     * One step's gate values for backward, and the scratch backward writes. The pre-activations share
     * the gate values' buffer (activated in place) unless an activation needs its input for its
     * derivative.
     */
    private static final class Cache implements StepCache {
        /** The gates' pre-activations [batch x gates·H]; the same object as {@link #gates} when not kept. */
        final DMatrixRMaj pre;
        /** i, f, g, o after their activations [batch x gates·H]. */
        final DMatrixRMaj gates;
        /** φ(c_t) [batch x H]. */
        final DMatrixRMaj cellOut;
        /** Backward's dL/d pre-activations [batch x gates·H]: the cell's scratch, shared by every step. */
        final DMatrixRMaj dPre;

        Cache(int batch, int width, int hidden, boolean keepPreActivations, DMatrixRMaj dPre) {
            gates = new DMatrixRMaj(batch, width);
            pre = keepPreActivations ? new DMatrixRMaj(batch, width) : gates;
            cellOut = new DMatrixRMaj(batch, hidden);
            this.dPre = dPre;
        }
    }

    private final String typeName;
    private final Variant variant;
    private final Activation gate;
    private final Activation cell;
    private final boolean keepPreActivations;
    /** Columns of a pre-activation row: gates · H. */
    private final int width;
    /** Column where the candidate g starts; the gate-activated blocks before it (i, or i and f) span [0, gOffset). */
    private final int gOffset;
    /** Column where the output gate starts. */
    private final int oOffset;
    private final PytorchAffine affine;
    /** Peepholes, null without them. */
    private final Parameter peepholeI;
    private final Parameter peepholeF;
    private final Parameter peepholeO;
    /**
     * Backward's dL/d pre-activations for the last batch size a cache was made for, shared by those
     * caches: a step writes it whole and has used it up before the next step's backward begins, so
     * one buffer serves every step instead of one per step (for an LSTM of 512 units over 100 steps
     * of a batch of 32, 52 MB less). Backward passes through one cell must therefore not run
     * concurrently; they never do, a model belonging to one run.
     */
    private DMatrixRMaj dPreScratch;

    // The step that the row loops below work on, set before each forRows: with the loops as bound
    // method references made once, a step allocates nothing.
    private Cache rowCache;
    private DMatrixRMaj[] rowPrev;
    private DMatrixRMaj[] rowNext;
    private DMatrixRMaj rowDOutput;
    private DMatrixRMaj[] rowDNext;
    private DMatrixRMaj[] rowDPrev;
    private final RowTask forwardRows = this::forwardRows;
    private final RowTask backwardRows = this::backwardRows;

    /**
     * @param typeName the plugin's name, for messages
     * @param gate σ, the gates' activation
     * @param cell φ, the activation of the candidate g and of the cell state in h = o φ(c)
     */
    LstmCell(String typeName, Variant variant, int inputSize, int hiddenSize, Activation gate, Activation cell) {
        super(typeName, inputSize, hiddenSize);
        this.typeName = typeName;
        this.variant = variant;
        this.gate = gate;
        this.cell = cell;
        this.keepPreActivations = !gate.derivativeFromOutput() || !cell.derivativeFromOutput();
        List<String> gateNames = variant.gateNames();
        this.width = gateNames.size() * hiddenSize;
        this.gOffset = gateNames.indexOf("cell") * hiddenSize;
        this.oOffset = gateNames.indexOf("output") * hiddenSize;

        PluginRef init = PytorchDefaults.uniform(hiddenSize);
        affine = new PytorchAffine(gateNames, inputSize, hiddenSize, init);
        List<Parameter> all = new ArrayList<>(affine.parameters());
        if (variant.peepholes) {
            peepholeI = Parameter.vector("weight_ci", ParameterRole.OTHER, 1, hiddenSize, init);
            peepholeF = Parameter.vector("weight_cf", ParameterRole.OTHER, 1, hiddenSize, init);
            peepholeO = Parameter.vector("weight_co", ParameterRole.OTHER, 1, hiddenSize, init);
            all.addAll(List.of(peepholeI, peepholeF, peepholeO));
        } else {
            peepholeI = null;
            peepholeF = null;
            peepholeO = null;
        }
        declare(all);
    }

    @Override
    public List<String> stateNames() {
        return STATE_NAMES;
    }

    @Override
    public StepCache newStepCache(int batch) {
        if (dPreScratch == null || dPreScratch.numRows != batch) {
            dPreScratch = new DMatrixRMaj(batch, width);
        }
        return new Cache(batch, width, hiddenSize(), keepPreActivations, dPreScratch);
    }

    @Override
    public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
            StepCache stepCache) {
        Cache cache = (Cache) stepCache;
        affine.forward(x, prev[0], cache.pre);
        gatesForward(cache, prev, next, output);
    }

    @Override
    public int projectionWidth() {
        return width;
    }

    @Override
    public void projectInputs(DMatrixRMaj inputs, DMatrixRMaj projections) {
        affine.project(inputs, projections);
    }

    @Override
    public void beforeForwardRange() {
        affine.beforeForwardRange();
    }

    @Override
    public void forwardProjected(DMatrixRMaj projections, int row, DMatrixRMaj[] prev, DMatrixRMaj[] next,
            DMatrixRMaj output, StepCache stepCache) {
        Cache cache = (Cache) stepCache;
        affine.forwardProjected(projections, row, prev[0], cache.pre);
        gatesForward(cache, prev, next, output);
    }

    /**
     * From the pre-activations in the cache: the gates, c, h and the output, in fused loops per row,
     * whose rows two threads may share ({@link Kernels#forRows}).
     */
    private void gatesForward(Cache cache, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output) {
        rowCache = cache;
        rowPrev = prev;
        rowNext = next;
        Kernels.forRows(cache.pre.numRows, width, forwardRows);
        Kernels.copy(next[0], output);
    }

    /** {@link #gatesForward} for rows [from, to). */
    private void forwardRows(int from, int to) {
        final Cache cache = rowCache;
        final DMatrixRMaj[] prev = rowPrev;
        final DMatrixRMaj[] next = rowNext;
        final int h = hiddenSize();
        final double[] z = cache.pre.data;
        final double[] a = cache.gates.data;
        final double[] cPrev = prev[1].data;
        final double[] c = next[1].data;
        final double[] phiC = cache.cellOut.data;
        final double[] hNext = next[0].data;
        // Per row: i, fg, g, o are where the blocks of the input, forget and output gates and of the
        // candidate start; s is where the row's state starts.
        for (int i = from * width, s = from * h, end = to * width; i < end; i += width, s += h) {
            final int fg = i + h;
            final int g = i + gOffset;
            final int o = i + oOffset;
            if (variant.peepholes) {
                final double[] wci = peepholeI.value().data;
                final double[] wcf = peepholeF.value().data;
                for (int j = 0; j < h; j++) {
                    z[i + j] += wci[j] * cPrev[s + j];
                    z[fg + j] += wcf[j] * cPrev[s + j];
                }
            }
            gate.apply(z, a, i, gOffset);
            cell.apply(z, a, g, h);
            if (variant.forgetGate) {
                for (int j = 0; j < h; j++) {
                    c[s + j] = a[fg + j] * cPrev[s + j] + a[i + j] * a[g + j];
                }
            } else {
                for (int j = 0; j < h; j++) {
                    c[s + j] = cPrev[s + j] + a[i + j] * a[g + j];
                }
            }
            if (variant.peepholes) {
                final double[] wco = peepholeO.value().data;
                for (int j = 0; j < h; j++) {
                    z[o + j] += wco[j] * c[s + j];
                }
            }
            gate.apply(z, a, o, h);
            cell.apply(c, phiC, s, h);
            for (int j = 0; j < h; j++) {
                hNext[s + j] = a[o + j] * phiC[s + j];
            }
        }
    }

    /**
     * Backward through one step. dPrev[1] serves as scratch for dL/dφ(c_t) before it receives
     * dL/dc_{t-1}, so the cache needs no buffer for it; it must therefore not share memory with
     * dNext[1], which {@link org.rnnlab.engine.RecurrentLayer} never makes it do.
     */
    @Override
    public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
            DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
        Cache cache = (Cache) stepCache;
        gatesBackward(cache, prev, next, dOutput, dNext, dPrev);
        affine.backward(cache.dPre, x, prev[0], dx, dPrev[0]);
    }

    @Override
    public void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache, DMatrixRMaj dOutput,
            DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev) {
        Cache cache = (Cache) stepCache;
        gatesBackward(cache, prev, next, dOutput, dNext, dPrev);
        affine.backwardProjected(cache.dPre, prev[0], dPrev[0], dProjections, row);
    }

    @Override
    public void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs) {
        affine.backProject(inputs, dProjections, dInputs);
    }

    /**
     * dL/d pre-activations into the cache's dPre, dL/dc_{t-1} into dPrev[1], and the peepholes'
     * gradients. Two threads may share the rows, except with peepholes, whose gradients are sums
     * over the rows.
     */
    private void gatesBackward(Cache cache, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj dOutput,
            DMatrixRMaj[] dNext, DMatrixRMaj[] dPrev) {
        rowCache = cache;
        rowPrev = prev;
        rowNext = next;
        rowDOutput = dOutput;
        rowDNext = dNext;
        rowDPrev = dPrev;
        final int rows = cache.dPre.numRows;
        if (variant.peepholes) {
            backwardRows(0, rows);
        } else {
            Kernels.forRows(rows, width, backwardRows);
        }
    }

    /** {@link #gatesBackward} for rows [from, to). */
    private void backwardRows(int from, int to) {
        final Cache cache = rowCache;
        final DMatrixRMaj[] prev = rowPrev;
        final DMatrixRMaj[] next = rowNext;
        final DMatrixRMaj dOutput = rowDOutput;
        final DMatrixRMaj[] dNext = rowDNext;
        final DMatrixRMaj[] dPrev = rowDPrev;
        final int h = hiddenSize();
        final double[] z = cache.pre.data;
        final double[] a = cache.gates.data;
        final double[] dz = cache.dPre.data;
        final double[] phiC = cache.cellOut.data;
        final double[] c = next[1].data;
        final double[] cPrev = prev[1].data;
        final double[] dOut = dOutput.data;
        final double[] dhNext = dNext[0].data;
        final double[] dcNext = dNext[1].data;
        final double[] dc = dPrev[1].data;
        for (int i = from * width, s = from * h, end = to * width; i < end; i += width, s += h) {
            final int fg = i + h;
            final int g = i + gOffset;
            final int o = i + oOffset;
            for (int j = 0; j < h; j++) {
                double dh = dOut[s + j] + dhNext[s + j];
                dz[o + j] = dh * phiC[s + j];
                dc[s + j] = dh * a[o + j];
            }
            gate.backward(z, a, dz, dz, o, h);
            cell.backward(c, phiC, dc, dc, s, h);
            if (variant.peepholes) {
                final double[] wco = peepholeO.value().data;
                final double[] dwco = peepholeO.gradient().data;
                for (int j = 0; j < h; j++) {
                    dc[s + j] += dz[o + j] * wco[j];
                    dwco[j] += dz[o + j] * c[s + j];
                }
            }
            // dc becomes dL/dc_t here, then dL/dc_{t-1} along the cell state's own path.
            if (variant.forgetGate) {
                for (int j = 0; j < h; j++) {
                    double dct = dc[s + j] + dcNext[s + j];
                    dz[i + j] = dct * a[g + j];
                    dz[fg + j] = dct * cPrev[s + j];
                    dz[g + j] = dct * a[i + j];
                    dc[s + j] = dct * a[fg + j];
                }
            } else {
                for (int j = 0; j < h; j++) {
                    double dct = dc[s + j] + dcNext[s + j];
                    dz[i + j] = dct * a[g + j];
                    dz[g + j] = dct * a[i + j];
                    dc[s + j] = dct;
                }
            }
            gate.backward(z, a, dz, dz, i, gOffset);
            cell.backward(z, a, dz, dz, g, h);
            if (variant.peepholes) {
                final double[] wci = peepholeI.value().data;
                final double[] wcf = peepholeF.value().data;
                final double[] dwci = peepholeI.gradient().data;
                final double[] dwcf = peepholeF.gradient().data;
                for (int j = 0; j < h; j++) {
                    double di = dz[i + j];
                    double df = dz[fg + j];
                    dc[s + j] += di * wci[j] + df * wcf[j];
                    dwci[j] += di * cPrev[s + j];
                    dwcf[j] += df * cPrev[s + j];
                }
            }
        }
    }

    @Override
    public String toString() {
        return typeName + "(" + inputSize() + " -> " + hiddenSize() + ")";
    }
}
