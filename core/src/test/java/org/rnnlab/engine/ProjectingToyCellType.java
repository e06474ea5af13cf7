package org.rnnlab.engine;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.ProjectedInputCell;
import org.rnnlab.spi.StepCache;

/**
 * A test-only Elman cell with the {@link ProjectedInputCell} capability, h' = tanh(x Wᵀ + b + h Uᵀ),
 * to prove the engine's projected path and the contract check comparing it with the step-by-step
 * one. Not registered with ServiceLoader.
 */
public final class ProjectingToyCellType implements CellType {
    private final boolean projectionDropsBias;

    /**
     * @param projectionDropsBias a deliberate defect: the projected path forgets the bias, so it
     *     disagrees with the step-by-step path
     */
    public ProjectingToyCellType(boolean projectionDropsBias) {
        this.projectionDropsBias = projectionDropsBias;
    }

    @Override
    public String name() {
        return "projecting_toy";
    }

    @Override
    public String description() {
        return "Elman test cell with projected inputs: h' = tanh(W x + b + U h)";
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        return new ToyCell(inputSize, hiddenSize, projectionDropsBias);
    }

    private static final class Cache implements StepCache {
        final DMatrixRMaj z;

        Cache(int batch, int hidden) {
            z = new DMatrixRMaj(batch, hidden);
        }
    }

    private static final class ToyCell implements ProjectedInputCell {
        private final int inputSize;
        private final int hiddenSize;
        private final boolean projectionDropsBias;
        private final Parameter w;
        private final Parameter u;
        private final Parameter b;

        ToyCell(int inputSize, int hiddenSize, boolean projectionDropsBias) {
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
            this.projectionDropsBias = projectionDropsBias;
            PluginRef init = PluginRef.of("uniform");
            w = Parameter.matrix("weight_ih", ParameterRole.INPUT_WEIGHT, 1, hiddenSize, inputSize, init);
            u = Parameter.matrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, 1, hiddenSize, hiddenSize, init);
            b = Parameter.vector("bias", ParameterRole.BIAS, 1, hiddenSize, PluginRef.of("zeros"));
        }

        @Override
        public int inputSize() {
            return inputSize;
        }

        @Override
        public int hiddenSize() {
            return hiddenSize;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(w, u, b);
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(batch, hiddenSize);
        }

        @Override
        public int projectionWidth() {
            return hiddenSize;
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache cache = (Cache) stepCache;
            Kernels.multTransB(x, w.value(), cache.z);
            Kernels.addRowVector(b.value(), cache.z);
            Kernels.multAddTransB(prev[0], u.value(), cache.z);
            activate(cache, next, output);
        }

        @Override
        public void projectInputs(DMatrixRMaj inputs, DMatrixRMaj projections) {
            Kernels.multTransB(inputs, w.value(), projections);
            if (!projectionDropsBias) {
                Kernels.addRowVector(b.value(), projections);
            }
        }

        @Override
        public void forwardProjected(DMatrixRMaj projections, int row, DMatrixRMaj[] prev, DMatrixRMaj[] next,
                DMatrixRMaj output, StepCache stepCache) {
            Cache cache = (Cache) stepCache;
            Kernels.copyRows(projections, row, cache.z, 0, cache.z.numRows);
            Kernels.multAddTransB(prev[0], u.value(), cache.z);
            activate(cache, next, output);
        }

        private static void activate(Cache cache, DMatrixRMaj[] next, DMatrixRMaj output) {
            double[] z = cache.z.data;
            double[] h = next[0].data;
            for (int i = 0; i < z.length; i++) {
                h[i] = Math.tanh(z[i]);
            }
            Kernels.copy(next[0], output);
        }

        /** dz = (dOutput + dNext) (1 - h'^2) into the cache's z, which backward no longer needs; dh = dz U. */
        private void recurrentBackward(DMatrixRMaj[] prev, DMatrixRMaj[] next, Cache cache, DMatrixRMaj dOutput,
                DMatrixRMaj[] dNext, DMatrixRMaj[] dPrev) {
            double[] dz = cache.z.data;
            double[] h = next[0].data;
            for (int i = 0; i < dz.length; i++) {
                dz[i] = (dOutput.data[i] + dNext[0].data[i]) * (1 - h[i] * h[i]);
            }
            Kernels.mult(cache.z, u.value(), dPrev[0]);
            Kernels.multAddTransA(cache.z, prev[0], u.gradient());
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache cache = (Cache) stepCache;
            recurrentBackward(prev, next, cache, dOutput, dNext, dPrev);
            Kernels.mult(cache.z, w.value(), dx);
            Kernels.multAddTransA(cache.z, x, w.gradient());
            Kernels.addColumnSums(cache.z, b.gradient());
        }

        @Override
        public void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev) {
            Cache cache = (Cache) stepCache;
            recurrentBackward(prev, next, cache, dOutput, dNext, dPrev);
            Kernels.copyRows(cache.z, 0, dProjections, row, cache.z.numRows);
        }

        @Override
        public void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs) {
            if (dInputs != null) {
                Kernels.mult(dProjections, w.value(), dInputs);
            }
            Kernels.multAddTransA(dProjections, inputs, w.gradient());
            Kernels.addColumnSums(dProjections, b.gradient());
        }
    }
}
