package org.rnnlab.architectures;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.spi.Parameter;

/**
 * The weights, and optionally the bias, that one operand of a cell (its input, or its previous
 * state) goes through: {@code a Wᵀ + b} for every gate at once, one product into a
 * [batch x gates·hidden] buffer, and its way back. A cell holds one per operand.
 */
final class OperandWeights {
    private final Parameter weight;
    private final Parameter bias;
    /** Wᵀ, taken by {@link #takeTranspose} for the projected steps of a range; null until then. */
    private DMatrixRMaj transposed;

    /**
     * @param weight [gates·hidden x operand width]
     * @param bias [gates·hidden], or null for none
     */
    OperandWeights(Parameter weight, Parameter bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /**
     * out = a Wᵀ + b.
     *
     * @param a the operand [batch x width]. Not modified.
     * @param out [batch x rows of W]. Modified.
     */
    void forward(DMatrixRMaj a, DMatrixRMaj out) {
        Kernels.multTransB(a, weight.value(), out);
        addBias(out);
    }

    /** out += a Wᵀ + b. Arguments as {@link #forward}. */
    void forwardAdd(DMatrixRMaj a, DMatrixRMaj out) {
        Kernels.multAddTransB(a, weight.value(), out);
        addBias(out);
    }

    /**
     * Back through {@link #forward}: da = dOut W, and dOutᵀ a and the column sums of dOut added to
     * the gradients of W and b.
     *
     * @param dOut dL/d out. Not modified.
     * @param a the operand forward saw. Not modified.
     * @param da dL/da, modified (overwritten); or null when not needed (a first layer's input)
     */
    void backward(DMatrixRMaj dOut, DMatrixRMaj a, DMatrixRMaj da) {
        if (da != null) {
            Kernels.mult(dOut, weight.value(), da);
        }
        accumulate(dOut, a);
    }

    /** As {@link #backward}, but da += dOut W: for an operand that also reaches the output another way. */
    void backwardAdd(DMatrixRMaj dOut, DMatrixRMaj a, DMatrixRMaj da) {
        Kernels.multAdd(dOut, weight.value(), da);
        accumulate(dOut, a);
    }

    /**
     * Takes Wᵀ for {@link #forwardTransposed} and {@link #forwardAddTransposed}: called once before a
     * range of projected steps, since the weights cannot change within a range. Allocates only the
     * first time.
     */
    void takeTranspose() {
        DMatrixRMaj w = weight.value();
        if (transposed == null) {
            transposed = new DMatrixRMaj(w.numCols, w.numRows);
        }
        Kernels.transpose(w, transposed);
    }

    /**
     * As {@link #forward}, with the product read from the Wᵀ of {@link #takeTranspose} along its rows,
     * which is faster; only the order of the sums differs.
     */
    void forwardTransposed(DMatrixRMaj a, DMatrixRMaj out) {
        Kernels.mult(a, transposed, out);
        addBias(out);
    }

    /** As {@link #forwardAdd}, through the Wᵀ of {@link #takeTranspose}. */
    void forwardAddTransposed(DMatrixRMaj a, DMatrixRMaj out) {
        Kernels.multAdd(a, transposed, out);
        addBias(out);
    }

    private void accumulate(DMatrixRMaj dOut, DMatrixRMaj a) {
        Kernels.multAddTransA(dOut, a, weight.gradient());
        if (bias != null) {
            Kernels.addColumnSums(dOut, bias.gradient());
        }
    }

    private void addBias(DMatrixRMaj out) {
        if (bias != null) {
            Kernels.addRowVector(bias.value(), out);
        }
    }
}
