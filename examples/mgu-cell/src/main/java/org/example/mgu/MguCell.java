package org.example.mgu;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.StepCache;

/**
 * One MGU layer's step, batched: see {@link MguCellType} for the equations.
 *
 * <p>Parameters, in this order: {@code weight_if} [H x I], {@code weight_hf} [H x H], {@code bias_f} [H]
 * for the gate, and {@code weight_ic} [H x I], {@code weight_hc} [H x H], {@code bias_c} [H] for the
 * candidate. All start uniform in ±1/sqrt(H), as PyTorch's GRU does.
 */
final class MguCell implements Cell {
    private final int inputSize;
    private final int hiddenSize;
    private final Parameter weightIf;
    private final Parameter weightHf;
    private final Parameter biasF;
    private final Parameter weightIc;
    private final Parameter weightHc;
    private final Parameter biasC;

    MguCell(int inputSize, int hiddenSize) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        double k = 1 / Math.sqrt(hiddenSize);
        PluginRef init = PluginRef.of("uniform", Map.of("low", -k, "high", k));
        weightIf = Parameter.matrix("weight_if", ParameterRole.INPUT_WEIGHT, 1, hiddenSize, inputSize, init);
        weightHf = Parameter.matrix("weight_hf", ParameterRole.RECURRENT_WEIGHT, 1, hiddenSize, hiddenSize, init);
        biasF = Parameter.vector("bias_f", ParameterRole.BIAS, 1, hiddenSize, init);
        weightIc = Parameter.matrix("weight_ic", ParameterRole.INPUT_WEIGHT, 1, hiddenSize, inputSize, init);
        weightHc = Parameter.matrix("weight_hc", ParameterRole.RECURRENT_WEIGHT, 1, hiddenSize, hiddenSize, init);
        biasC = Parameter.vector("bias_c", ParameterRole.BIAS, 1, hiddenSize, init);
    }

    /**
     * What forward keeps for backward, and backward's scratch space: every buffer [batch x H],
     * allocated once per step by the engine before the time loop.
     */
    static final class Cache implements StepCache {
        /** The gate f. */
        final DMatrixRMaj f;
        /** The candidate h~. */
        final DMatrixRMaj candidate;
        /** f * h, the candidate's recurrent input. */
        final DMatrixRMaj gatedH;
        /** dL/d of the gate's pre-activation. */
        final DMatrixRMaj dfz;
        /** dL/d of the candidate's pre-activation. */
        final DMatrixRMaj dcz;
        /** dL/d(f * h). */
        final DMatrixRMaj dGatedH;

        Cache(int batch, int hidden) {
            f = new DMatrixRMaj(batch, hidden);
            candidate = new DMatrixRMaj(batch, hidden);
            gatedH = new DMatrixRMaj(batch, hidden);
            dfz = new DMatrixRMaj(batch, hidden);
            dcz = new DMatrixRMaj(batch, hidden);
            dGatedH = new DMatrixRMaj(batch, hidden);
        }
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
        return List.of(weightIf, weightHf, biasF, weightIc, weightHc, biasC);
    }

    @Override
    public StepCache newStepCache(int batch) {
        return new Cache(batch, hiddenSize);
    }

    @Override
    public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output,
            StepCache stepCache) {
        Cache c = (Cache) stepCache;
        DMatrixRMaj h = prev[0];
        int n = h.getNumElements();
        // f = sigmoid(x W_if^T + h W_hf^T + b_f)
        Kernels.multTransB(x, weightIf.value(), c.f);
        Kernels.multAddTransB(h, weightHf.value(), c.f);
        Kernels.addRowVector(biasF.value(), c.f);
        double[] f = c.f.data;
        for (int i = 0; i < n; i++) {
            f[i] = 1 / (1 + Math.exp(-f[i]));
        }
        // h~ = tanh(x W_ic^T + (f * h) W_hc^T + b_c)
        Kernels.hadamard(c.f, h, c.gatedH);
        Kernels.multTransB(x, weightIc.value(), c.candidate);
        Kernels.multAddTransB(c.gatedH, weightHc.value(), c.candidate);
        Kernels.addRowVector(biasC.value(), c.candidate);
        // h' = (1 - f) * h + f * h~
        double[] candidate = c.candidate.data;
        double[] hPrev = h.data;
        double[] hNext = next[0].data;
        for (int i = 0; i < n; i++) {
            candidate[i] = Math.tanh(candidate[i]);
            hNext[i] = hPrev[i] + f[i] * (candidate[i] - hPrev[i]);
        }
        Kernels.copy(next[0], output);
    }

    @Override
    public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache stepCache,
            DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
        Cache c = (Cache) stepCache;
        DMatrixRMaj h = prev[0];
        int n = h.getNumElements();
        double[] f = c.f.data;
        double[] candidate = c.candidate.data;
        double[] hPrev = h.data;
        double[] dfz = c.dfz.data;
        double[] dcz = c.dcz.data;
        double[] dh = dPrev[0].data;
        for (int i = 0; i < n; i++) {
            double g = dOutput.data[i] + dNext[0].data[i];         // dL/dh': the output is h'
            dcz[i] = g * f[i] * (1 - candidate[i] * candidate[i]);  // through h~ = tanh(.)
            dfz[i] = g * (candidate[i] - hPrev[i]);                 // dL/df, until f * h adds its part
            dh[i] = g * (1 - f[i]);                                 // dL/dh, until f * h adds its part
        }
        // The candidate: its parameters' gradients accumulate; dx is overwritten here, added to below.
        Kernels.multAddTransA(c.dcz, x, weightIc.gradient());
        Kernels.multAddTransA(c.dcz, c.gatedH, weightHc.gradient());
        Kernels.addColumnSums(c.dcz, biasC.gradient());
        Kernels.mult(c.dcz, weightIc.value(), dx);
        Kernels.mult(c.dcz, weightHc.value(), c.dGatedH);
        double[] dGatedH = c.dGatedH.data;
        for (int i = 0; i < n; i++) {
            dfz[i] = (dfz[i] + dGatedH[i] * hPrev[i]) * f[i] * (1 - f[i]);  // through f = sigmoid(.)
            dh[i] += dGatedH[i] * f[i];
        }
        // The gate.
        Kernels.multAddTransA(c.dfz, x, weightIf.gradient());
        Kernels.multAddTransA(c.dfz, h, weightHf.gradient());
        Kernels.addColumnSums(c.dfz, biasF.gradient());
        Kernels.multAdd(c.dfz, weightIf.value(), dx);
        Kernels.multAdd(c.dfz, weightHf.value(), dPrev[0]);
    }
}
