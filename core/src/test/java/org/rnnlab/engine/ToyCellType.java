package org.rnnlab.engine;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.StepCache;

/**
 * A two-state cell that exists only to test core's engine and contract kit without a plugin module:
 * z = x Wᵀ + h Uᵀ + b, c' = c + tanh(z), h' = tanh(c'), output h'. Not registered with ServiceLoader.
 *
 * <p>{@link Bug} plants one mistake of the kind the contract must catch.
 */
public final class ToyCellType implements CellType {

    /** A deliberate defect. */
    public enum Bug {
        NONE,
        /** The recurrent weight's gradient is 1% too large. */
        WRONG_RECURRENT_GRADIENT,
        /** The gradient of c is not passed back to the previous c. */
        DROPS_CELL_GRADIENT,
        /** Parameter gradients are overwritten instead of accumulated. */
        OVERWRITES_GRADIENTS,
        /** forward scales the input in place. */
        MODIFIES_INPUT,
        /** forward allocates a scratch array every step. */
        ALLOCATES
    }

    private final Bug bug;

    public ToyCellType() {
        this(Bug.NONE);
    }

    public ToyCellType(Bug bug) {
        this.bug = bug;
    }

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public String description() {
        return "Two-state test cell: c' = c + tanh(W x + U h + b), h' = tanh(c')";
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        return new ToyCell(inputSize, hiddenSize, bug);
    }

    private static final class Cache implements StepCache {
        final DMatrixRMaj tanhZ;
        final DMatrixRMaj dh;
        final DMatrixRMaj dc;
        final DMatrixRMaj dz;

        Cache(int batch, int hidden) {
            tanhZ = new DMatrixRMaj(batch, hidden);
            dh = new DMatrixRMaj(batch, hidden);
            dc = new DMatrixRMaj(batch, hidden);
            dz = new DMatrixRMaj(batch, hidden);
        }
    }

    private static final class ToyCell implements Cell {
        private final int inputSize;
        private final int hiddenSize;
        private final Bug bug;
        private final Parameter w;
        private final Parameter u;
        private final Parameter b;

        ToyCell(int inputSize, int hiddenSize, Bug bug) {
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
            this.bug = bug;
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
        public List<String> stateNames() {
            return List.of("h", "c");
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
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache cache = (Cache) stepCache;
            if (bug == Bug.MODIFIES_INPUT) {
                Kernels.scale(1.0, x);
                x.data[0] += 1e-3;
            }
            if (bug == Bug.ALLOCATES) {
                cache.tanhZ.data[0] += new double[hiddenSize].length * 0.0;
            }
            Kernels.multTransB(x, w.value(), cache.tanhZ);
            Kernels.multAddTransB(prev[0], u.value(), cache.tanhZ);
            Kernels.addRowVector(b.value(), cache.tanhZ);
            double[] tz = cache.tanhZ.data;
            double[] c0 = prev[1].data;
            double[] c1 = next[1].data;
            double[] h1 = next[0].data;
            for (int i = 0; i < tz.length; i++) {
                tz[i] = Math.tanh(tz[i]);
                c1[i] = c0[i] + tz[i];
                h1[i] = Math.tanh(c1[i]);
            }
            Kernels.copy(next[0], output);
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache cache = (Cache) stepCache;
            Kernels.add(dOutput, dNext[0], cache.dh);
            double[] dh = cache.dh.data;
            double[] h1 = next[0].data;
            double[] dcNext = dNext[1].data;
            double[] dc = cache.dc.data;
            double[] dz = cache.dz.data;
            double[] tz = cache.tanhZ.data;
            for (int i = 0; i < dh.length; i++) {
                dc[i] = dcNext[i] + dh[i] * (1 - h1[i] * h1[i]);
                dz[i] = dc[i] * (1 - tz[i] * tz[i]);
            }
            if (bug == Bug.DROPS_CELL_GRADIENT) {
                Kernels.zero(dPrev[1]);
            } else {
                Kernels.copy(cache.dc, dPrev[1]);
            }
            Kernels.mult(cache.dz, w.value(), dx);
            Kernels.mult(cache.dz, u.value(), dPrev[0]);
            if (bug == Bug.OVERWRITES_GRADIENTS) {
                Kernels.multTransA(cache.dz, x, w.gradient());
            } else {
                Kernels.multAddTransA(cache.dz, x, w.gradient());
            }
            Kernels.multAddTransA(cache.dz, prev[0], u.gradient());
            if (bug == Bug.WRONG_RECURRENT_GRADIENT) {
                Kernels.scale(1.01, u.gradient());
            }
            Kernels.addColumnSums(cache.dz, b.gradient());
        }
    }
}
