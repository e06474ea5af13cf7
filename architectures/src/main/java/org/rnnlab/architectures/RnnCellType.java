package org.rnnlab.architectures;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.ProjectedInputCell;
import org.rnnlab.spi.StepCache;

/**
 * The Elman network (Elman 1990), in PyTorch's nn.RNN form:
 * h' = f(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh), output h'.
 *
 * <p>Parameters {@code weight_ih} [H x I], {@code weight_hh} [H x H], {@code bias_ih} [H],
 * {@code bias_hh} [H], all initialized by default as PyTorch does, uniform in ±1/sqrt(H). Any
 * registered activation may be used (default tanh); Bengio, Simard, Frasconi 1994 and Pascanu,
 * Mikolov, Bengio 2013 study why this cell is hard to train over long spans.
 */
public final class RnnCellType extends AbstractPlugin<CellType> implements CellType {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofPlugin("activation", PluginKind.ACTIVATION, "tanh", "the nonlinearity f"));

    /** The plugin at its defaults; the activation is resolved when first needed. */
    public RnnCellType() {
        this(null);
    }

    private RnnCellType(Params params) {
        super("rnn", "Elman RNN as PyTorch's nn.RNN: h' = f(W_ih x + b_ih + W_hh h + b_hh)", PARAMETERS, params);
    }

    @Override
    public CellType configure(Params p) {
        return new RnnCellType(p);
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        return new RnnCell(inputSize, hiddenSize, params().getPlugin("activation", Activation.class));
    }

    /**
     * The activation f of a cell this type created, or null for any other cell: {@link PascanuOmega}
     * needs f' at the stored states.
     */
    static Activation activationOf(Cell cell) {
        return cell instanceof RnnCell rnn ? rnn.f : null;
    }

    private static final class Cache implements StepCache {
        /** The pre-activation z; kept only if the activation's derivative needs it. */
        final DMatrixRMaj z;
        final DMatrixRMaj dz;

        Cache(int batch, int hidden) {
            z = new DMatrixRMaj(batch, hidden);
            dz = new DMatrixRMaj(batch, hidden);
        }
    }

    private static final class RnnCell extends SizedCell implements ProjectedInputCell {
        private final Activation f;
        private final PytorchAffine affine;

        RnnCell(int inputSize, int hiddenSize, Activation f) {
            super("rnn", inputSize, hiddenSize);
            this.f = f;
            this.affine = new PytorchAffine(List.of(), inputSize, hiddenSize, PytorchDefaults.uniform(hiddenSize));
            declare(affine.parameters());
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(batch, hiddenSize());
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache cache = (Cache) stepCache;
            affine.forward(x, prev[0], cache.z);
            f.apply(cache.z.data, next[0].data, 0, cache.z.getNumElements());
            Kernels.copy(next[0], output);
        }

        @Override
        public int projectionWidth() {
            return hiddenSize();
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
            affine.forwardProjected(projections, row, prev[0], cache.z);
            f.apply(cache.z.data, next[0].data, 0, cache.z.getNumElements());
            Kernels.copy(next[0], output);
        }

        @Override
        public void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev) {
            Cache cache = (Cache) stepCache;
            DMatrixRMaj dz = cache.dz;
            Kernels.add(dOutput, dNext[0], dz);
            f.backward(cache.z.data, next[0].data, dz.data, dz.data, 0, dz.getNumElements());
            affine.backwardProjected(dz, prev[0], dPrev[0], dProjections, row);
        }

        @Override
        public void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs) {
            affine.backProject(inputs, dProjections, dInputs);
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache cache = (Cache) stepCache;
            DMatrixRMaj dz = cache.dz;
            Kernels.add(dOutput, dNext[0], dz);
            f.backward(cache.z.data, next[0].data, dz.data, dz.data, 0, dz.getNumElements());
            affine.backward(dz, x, prev[0], dx, dPrev[0]);
        }
    }
}
