package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
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
 * The independently recurrent neural network (Li, Li, Cook, Zhu, Gao 2018, "Independently Recurrent
 * Neural Network (IndRNN): Building A Longer and Deeper RNN", CVPR): each unit sees only its own
 * previous value, through one recurrent weight,
 *
 * <pre>
 * h' = f(W_ih x + b_ih + u * h)      next state and output; * is element-wise
 * </pre>
 *
 * <p>so the gradient through time of unit i is a product of u_i f'(.) factors, which a bound on
 * |u_i| keeps from vanishing or exploding: |u| &lt;= 2^(1/T) over T steps for relu.
 *
 * <p>Parameters: {@code weight_ih} [H x I], {@code weight_hh} = u [H], a vector with role
 * {@link ParameterRole#RECURRENT_WEIGHT}, and one bias {@code bias_ih} [H]. One bias, as in the
 * paper: a second one would only be added to the first, a redundant parameter that PyTorch's RNNs
 * keep for cuDNN's sake; the names are those of the common PyTorch IndRNN implementations.
 * Initialized by default with {@code weight_ih} and {@code bias_ih} uniform in ±1/sqrt(H), as
 * PyTorch initializes nn.RNN, and u uniform in [0, 1]. Li et al. draw u from U(0, 2^(1/T)) for
 * sequences of length T, the last layer's from U(2^(-1/T), 2^(1/T)); a spec gets that with an
 * initializer for the {@code recurrent} role.
 *
 * <p>Options: {@code activation} f, any registered activation, default relu as in the paper; and
 * {@code recurrentMax}: if above 0, |u| is clamped to it after every update (the trainer calls
 * {@link Cell#afterUpdate()}) and once after initialization, so a forward pass never sees u out of
 * bounds. Li et al. use 2^(1/T) (for relu, so that a product of T factors u_i f' stays within
 * [0, 2]); 0, the default, means no bound.
 */
public final class IndRnnCellType extends DeferredCellType {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofPlugin("activation", PluginKind.ACTIVATION, "relu", "the nonlinearity f"),
            ParamSpec.ofDouble("recurrentMax", 0, Range.atLeast(0),
                    "bound on |u| enforced after every update (Li et al.: 2^(1/T)); 0 for none"));

    /** The plugin at its defaults. */
    public IndRnnCellType() {
        this(null);
    }

    private IndRnnCellType(Params params) {
        super("indrnn", "Independently recurrent network (Li et al. 2018): h' = f(W_ih x + b_ih + u * h), u a vector",
                PARAMETERS, params, IndRnnCellType::new);
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        return new IndRnnCell(inputSize, hiddenSize, params().getPlugin("activation", Activation.class),
                params().getDouble("recurrentMax"));
    }

    private static final class Cache implements StepCache {
        /** The pre-activation W_ih x + b_ih + u * h. */
        final DMatrixRMaj z;

        Cache(int batch, int hidden) {
            z = new DMatrixRMaj(batch, hidden);
        }
    }

    private static final class IndRnnCell extends SizedCell implements ProjectedInputCell {
        private final Activation f;
        private final double recurrentMax;
        private final Parameter recurrent;
        private final OperandWeights input;

        IndRnnCell(int inputSize, int hiddenSize, Activation f, double recurrentMax) {
            super("indrnn", inputSize, hiddenSize);
            this.f = f;
            this.recurrentMax = recurrentMax;
            PluginRef init = PytorchDefaults.uniform(hiddenSize);
            Parameter weightIh = Parameter.matrix("weight_ih", ParameterRole.INPUT_WEIGHT, 1, hiddenSize, inputSize, init);
            recurrent = Parameter.vector("weight_hh", ParameterRole.RECURRENT_WEIGHT, 1, hiddenSize,
                    PluginRef.of("uniform", Map.of("low", 0.0, "high", 1.0)));
            Parameter biasIh = Parameter.vector("bias_ih", ParameterRole.BIAS, 1, hiddenSize, init);
            declare(List.of(weightIh, recurrent, biasIh));
            this.input = new OperandWeights(weightIh, biasIh);
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(batch, hiddenSize());
        }

        /** Clamps |u| to recurrentMax, if set. */
        @Override
        public long afterUpdate() {
            if (recurrentMax <= 0) {
                return 0;
            }
            long changed = 0;
            double[] u = recurrent.value().data;
            for (int i = 0; i < u.length; i++) {
                if (u[i] > recurrentMax) {
                    u[i] = recurrentMax;
                    changed++;
                } else if (u[i] < -recurrentMax) {
                    u[i] = -recurrentMax;
                    changed++;
                }
            }
            return changed;
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
                StepCache stepCache) {
            Cache c = (Cache) stepCache;
            input.forward(x, c.z);
            addScaledColumns(prev[0], recurrent.value(), c.z);
            f.apply(c.z.data, next[0].data, 0, c.z.getNumElements());
            Kernels.copy(next[0], output);
        }

        @Override
        public int projectionWidth() {
            return hiddenSize();
        }

        @Override
        public void projectInputs(DMatrixRMaj inputs, DMatrixRMaj projections) {
            input.forward(inputs, projections);
        }

        @Override
        public void forwardProjected(DMatrixRMaj projections, int row, DMatrixRMaj[] prev, DMatrixRMaj[] next,
                DMatrixRMaj output, StepCache stepCache) {
            Cache c = (Cache) stepCache;
            Kernels.copyRows(projections, row, c.z, 0, c.z.numRows);
            addScaledColumns(prev[0], recurrent.value(), c.z);
            f.apply(c.z.data, next[0].data, 0, c.z.getNumElements());
            Kernels.copy(next[0], output);
        }

        @Override
        public void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            DMatrixRMaj dz = dPrev[0];
            Kernels.add(dOutput, dNext[0], dz);
            f.backward(c.z.data, next[0].data, dz.data, dz.data, 0, dz.getNumElements());
            Kernels.copyRows(dz, 0, dProjections, row, dz.numRows);
            recurrentBackward(dz, prev[0]);
        }

        @Override
        public void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs) {
            input.backward(dProjections, inputs, dInputs);
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            Cache c = (Cache) stepCache;
            // dL/dz is worked out in dPrev, which then becomes dL/dz * u in place.
            DMatrixRMaj dz = dPrev[0];
            Kernels.add(dOutput, dNext[0], dz);
            f.backward(c.z.data, next[0].data, dz.data, dz.data, 0, dz.getNumElements());
            input.backward(dz, x, dx);
            recurrentBackward(dz, prev[0]);
        }

        /** z[b, i] += h[b, i] u[i]. */
        private static void addScaledColumns(DMatrixRMaj h, DMatrixRMaj u, DMatrixRMaj z) {
            Kernels.checkSameShape(h, z);
            final double[] hd = h.data;
            final double[] ud = u.data;
            final double[] zd = z.data;
            final int width = z.numCols;
            for (int row = 0, k = 0; row < z.numRows; row++) {
                for (int i = 0; i < width; i++, k++) {
                    zd[k] += hd[k] * ud[i];
                }
            }
        }

        /** dL/du[i] += sum over the batch of dz[b, i] h[b, i], then dz[b, i] *= u[i], giving dL/dh. */
        private void recurrentBackward(DMatrixRMaj dz, DMatrixRMaj h) {
            Kernels.checkSameShape(dz, h);
            final double[] g = dz.data;
            final double[] hd = h.data;
            final double[] u = recurrent.value().data;
            final double[] du = recurrent.gradient().data;
            final int width = dz.numCols;
            for (int row = 0, k = 0; row < dz.numRows; row++) {
                for (int i = 0; i < width; i++, k++) {
                    du[i] += g[k] * hd[k];
                    g[k] *= u[i];
                }
            }
        }
    }
}
