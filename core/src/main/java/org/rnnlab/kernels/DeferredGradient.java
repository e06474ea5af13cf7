package org.rnnlab.kernels;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A weight's gradient summed over the steps of a backward pass in one product at the end, instead of
 * one product per step: {@code gradient += Σ_t dOut_tᵀ operand_t}, with the pairs recorded step by
 * step ({@link #add}) and added by {@link #flush}.
 *
 * <p>Why: one step's product has an inner dimension of only the batch (32), so it reads and writes
 * the whole gradient (8 MB for an LSTM of 512 units) to add little to it, every step. Summed at the
 * end, the gradient is visited once per chunk of steps while the products stream through the
 * level-2 cache. Each element still adds the same terms in the same order (the pairs as recorded,
 * each pair's rows ascending), so the result is bit for bit the one per-step products give.
 *
 * <p>The recorded matrices are kept by reference: they must not change before {@link #flush}. Only
 * the first pass of a given length allocates (the arrays of references grow); later ones do not.
 * Not thread-safe: one per parameter of a cell, as the cell.
 */
public final class DeferredGradient {
    private final DMatrixRMaj gradient;
    private final BroadcastOperands operands = new BroadcastOperands();
    private int count;
    private int rows = -1;

    /** @param gradient the gradient [m x n] that {@link #flush} adds to */
    public DeferredGradient(DMatrixRMaj gradient) {
        this.gradient = Objects.requireNonNull(gradient, "gradient");
    }

    /**
     * Records {@code gradient += dOutᵀ operand}.
     *
     * @param dOut [rows x m], kept by reference until {@link #flush}
     * @param operand [rows x n], kept likewise; rows must be the same for every pair of a flush
     */
    public void add(DMatrixRMaj dOut, DMatrixRMaj operand) {
        add(dOut, 0, dOut.numRows, operand);
    }

    /**
     * Records {@code gradient += dOut[first, first + operand rows)ᵀ operand}: dOut's rows from
     * {@code first} on, as when a range's per-step gradients are stacked in one matrix.
     */
    public void add(DMatrixRMaj dOut, int first, int rowCount, DMatrixRMaj operand) {
        if (dOut.numCols != gradient.numRows || operand.numCols != gradient.numCols || operand.numRows != rowCount
                || first < 0 || first + rowCount > dOut.numRows) {
            throw new IllegalArgumentException("Gradient " + gradient.numRows + "x" + gradient.numCols
                    + " cannot take rows [" + first + ", " + (first + rowCount) + ") of " + dOut.numRows + "x"
                    + dOut.numCols + " transposed times " + operand.numRows + "x" + operand.numCols);
        }
        if (count > 0 && rowCount != rows) {
            throw new IllegalArgumentException("Every pair of a flush must have " + rows + " rows, found " + rowCount);
        }
        if (dOut.data == gradient.data || operand.data == gradient.data) {
            throw new IllegalArgumentException("The output must not be an input");
        }
        rows = rowCount;
        operands.ensure(count + 1);
        operands.a[count] = dOut.data;
        operands.aOffset[count] = first * dOut.numCols;
        operands.b[count] = operand.data;
        operands.bOffset[count] = 0;
        count++;
    }

    /** How many pairs wait for {@link #flush}. */
    public int pending() {
        return count;
    }

    /** Adds every recorded pair to the gradient, in the order recorded, and forgets them. */
    public void flush() {
        if (count == 0) {
            return;
        }
        BroadcastOperands o = operands;
        o.aRowStride = 1;
        o.aColStride = gradient.numRows;
        o.blocks = count;
        o.blockK = rows;
        o.c = gradient.data;
        o.n = gradient.numCols;
        o.add = true;
        try {
            Kernels.broadcast(o, gradient.numRows);
        } finally {
            count = 0;
            o.release();
        }
    }

    /** Forgets the recorded pairs without adding them (a backward pass abandoned half-way). */
    public void clear() {
        count = 0;
        operands.release();
    }
}
