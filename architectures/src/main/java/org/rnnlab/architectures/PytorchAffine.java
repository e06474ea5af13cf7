package org.rnnlab.architectures;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * The affine part of the cells PyTorch has, z = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh, with its four
 * parameters in PyTorch's layout and names ({@code weight_ih} [rows x I], {@code weight_hh}
 * [rows x H], {@code bias_ih} and {@code bias_hh} [rows]), gate blocks stacked along the rows.
 * Neither method allocates.
 */
final class PytorchAffine {
    final Parameter weightIh;
    final Parameter weightHh;
    final Parameter biasIh;
    final Parameter biasHh;

    /**
     * @param gateNames the gate blocks' names in row order, each of {@code hiddenSize} rows; empty for
     *     an ungated cell of {@code hiddenSize} rows
     * @param init every parameter's default initializer
     */
    PytorchAffine(List<String> gateNames, int inputSize, int hiddenSize, PluginRef init) {
        int rows = Math.max(1, gateNames.size()) * hiddenSize;
        weightIh = Parameter.gatedMatrix("weight_ih", ParameterRole.INPUT_WEIGHT, gateNames, rows, inputSize, init);
        weightHh = Parameter.gatedMatrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, gateNames, rows, hiddenSize, init);
        biasIh = Parameter.gatedVector("bias_ih", ParameterRole.BIAS, gateNames, rows, init);
        biasHh = Parameter.gatedVector("bias_hh", ParameterRole.BIAS, gateNames, rows, init);
    }

    /** weight_ih, weight_hh, bias_ih, bias_hh: PyTorch's order. */
    List<Parameter> parameters() {
        return List.of(weightIh, weightHh, biasIh, biasHh);
    }

    /**
     * z = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh.
     *
     * @param x [batch x I]. Not modified.
     * @param h [batch x H]. Not modified.
     * @param z [batch x rows]. Modified.
     */
    void forward(DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj z) {
        Kernels.multTransB(x, weightIh.value(), z);
        Kernels.multAddTransB(h, weightHh.value(), z);
        Kernels.addRowVector(biasIh.value(), z);
        Kernels.addRowVector(biasHh.value(), z);
    }

    /**
     * From dL/dz: dL/dx and dL/dh, and the parameters' gradients added to.
     *
     * @param dz [batch x rows]. Not modified.
     * @param x the forward's input. Not modified.
     * @param h the forward's previous state. Not modified.
     * @param dx [batch x I]. Modified (overwritten).
     * @param dh [batch x H]. Modified (overwritten).
     */
    void backward(DMatrixRMaj dz, DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj dx, DMatrixRMaj dh) {
        Kernels.mult(dz, weightIh.value(), dx);
        Kernels.mult(dz, weightHh.value(), dh);
        Kernels.multAddTransA(dz, x, weightIh.gradient());
        Kernels.multAddTransA(dz, h, weightHh.gradient());
        Kernels.addColumnSums(dz, biasIh.gradient());
        Kernels.addColumnSums(dz, biasHh.gradient());
    }
}
