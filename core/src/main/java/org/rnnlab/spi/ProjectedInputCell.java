package org.rnnlab.spi;

import org.ejml.data.DMatrixRMaj;

/**
 * An optional capability of a {@link Cell} whose input reaches a step only through an affine map,
 * {@code p = x W_ihᵀ + b} (the Elman cell, the LSTMs, the GRU): the engine then projects the inputs
 * of a chunk of steps in one large product ahead of those steps, and once backward has passed the
 * chunk takes its input gradients and the input weight's gradient in one product each. Inside the
 * loop only the recurrent work is left. Large products run much closer to the machine's peak than one
 * small product per step.
 *
 * <p>A cell that does not implement this interface runs step by step through {@link Cell#forward}
 * and {@link Cell#backward}, as before. A cell that does must still implement those, and both ways
 * must give the same results up to the order of floating-point sums: the contract test
 * ({@code CellContractTest}) compares them to 1e-12 relative.
 *
 * <p>Layout: the engine projects a range's steps a chunk of consecutive steps at a time (a few
 * hundred rows, so that the buffers stay small while the products stay large), stacked step by step:
 * the rows of step {@code s} of the chunk are {@code [s·batch, (s+1)·batch)}. The methods receive the
 * stacked matrix and the first row of their step. As for {@link Cell}, no method may allocate.
 */
public interface ProjectedInputCell extends Cell {

    /** Columns of the projection p: gates · hidden for a gated cell. */
    int projectionWidth();

    /**
     * Called once before the steps of each forward range, ahead of its first {@link #projectInputs}:
     * the weights cannot change until the range has run, so a cell may prepare them here for its
     * projected steps, e.g. take a transposed copy of its recurrent weight. Does nothing by default.
     */
    default void beforeForwardRange() {
    }

    /**
     * p = x W_ihᵀ + b for every row: called for each chunk of a range's steps, after
     * {@link #beforeForwardRange}: the part of every step's pre-activation that does not depend on
     * the state.
     *
     * @param inputs stacked inputs [rows x inputSize]. Not modified.
     * @param projections [rows x projectionWidth]. Modified (overwritten).
     */
    void projectInputs(DMatrixRMaj inputs, DMatrixRMaj projections);

    /**
     * One step forward from its projected input: as {@link Cell#forward}, with {@code x W_ihᵀ + b}
     * read from rows [row, row + batch) of {@code projections} instead of computed.
     */
    void forwardProjected(DMatrixRMaj projections, int row, DMatrixRMaj[] prev, DMatrixRMaj[] next,
            DMatrixRMaj output, StepCache cache);

    /**
     * One step backward without the input side: as {@link Cell#backward}, but instead of dL/dx and
     * the gradients of W_ih and b, it writes dL/dp, the gradient of this step's projection, into rows
     * [row, row + batch) of {@code dProjections}. Other parameters' gradients are added to as usual.
     */
    void backwardProjected(DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache cache, DMatrixRMaj dOutput,
            DMatrixRMaj[] dNext, DMatrixRMaj dProjections, int row, DMatrixRMaj[] dPrev);

    /**
     * Back through {@link #projectInputs}, for each chunk of steps once backward has passed them: dL/dx = dL/dp W_ih, and dL/dpᵀ x and the column sums of
     * dL/dp added to the gradients of W_ih and b.
     *
     * @param inputs the stacked inputs {@link #projectInputs} read. Not modified.
     * @param dProjections dL/dp, stacked likewise. Not modified.
     * @param dInputs [rows x inputSize], modified (overwritten); or null when nobody needs dL/dx (the
     *     first layer, whose input is data): then only the parameters' gradients are added.
     */
    void backProjectInputs(DMatrixRMaj inputs, DMatrixRMaj dProjections, DMatrixRMaj dInputs);
}
