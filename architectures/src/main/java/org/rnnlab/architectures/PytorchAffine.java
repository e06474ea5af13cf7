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
    /** W_hh read transposed in the projected steps' products (its bias is added in {@link #project}). */
    private final OperandWeights recurrent;

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
        recurrent = new OperandWeights(weightHh, null);
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

    /** The width of z: gates · hidden. */
    int width() {
        return weightIh.value().numRows;
    }

    /**
     * p = x W_ihᵀ + b_ih + b_hh for every stacked row: the part of z that does not depend on the
     * state, projected ahead of the time loop ({@link org.rnnlab.spi.ProjectedInputCell}).
     *
     * @param x stacked inputs [rows x I]. Not modified.
     * @param p [rows x width]. Modified.
     */
    void project(DMatrixRMaj x, DMatrixRMaj p) {
        Kernels.multTransB(x, weightIh.value(), p);
        Kernels.addRowVector(biasIh.value(), p);
        Kernels.addRowVector(biasHh.value(), p);
    }

    /** Takes W_hhᵀ for a forward range's {@link #forwardProjected}: the weights cannot change within a range. */
    void beforeForwardRange() {
        recurrent.takeTranspose();
    }

    /**
     * z = p + h W_hhᵀ, with p read from rows [row, row + batch) of the projections. The product reads
     * the W_hhᵀ that {@link #beforeForwardRange} took, along its rows, which is faster than dot
     * products with W_hh's rows; only the order of the sums differs from {@link #forward}.
     *
     * @param h [batch x H]. Not modified.
     * @param z [batch x width]. Modified.
     */
    void forwardProjected(DMatrixRMaj projections, int row, DMatrixRMaj h, DMatrixRMaj z) {
        Kernels.copyRows(projections, row, z, 0, z.numRows);
        recurrent.forwardAddTransposed(h, z);
    }

    /**
     * The recurrent side of {@link #backward}: dL/dh and W_hh's gradient; dz is stored in rows
     * [row, row + batch) of dProjections for {@link #backProject}.
     */
    void backwardProjected(DMatrixRMaj dz, DMatrixRMaj h, DMatrixRMaj dh, DMatrixRMaj dProjections, int row) {
        Kernels.mult(dz, weightHh.value(), dh);
        Kernels.multAddTransA(dz, h, weightHh.gradient());
        Kernels.copyRows(dz, 0, dProjections, row, dz.numRows);
    }

    /**
     * The input side of {@link #backward} for every stacked row at once: dL/dx = dp W_ih (unless dx
     * is null: not needed), and the gradients of W_ih and of both biases added to.
     */
    void backProject(DMatrixRMaj x, DMatrixRMaj dProjections, DMatrixRMaj dx) {
        if (dx != null) {
            Kernels.mult(dProjections, weightIh.value(), dx);
        }
        Kernels.multAddTransA(dProjections, x, weightIh.gradient());
        Kernels.addColumnSums(dProjections, biasIh.gradient());
        Kernels.addColumnSums(dProjections, biasHh.gradient());
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
