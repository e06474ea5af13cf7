package org.rnnlab.spi;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * One recurrent layer's step function, batched: from the input and the previous state it computes
 * the next state and the output the next layer sees, and back.
 *
 * <p>The state is one or more tensors, each [batch x width], {@code h} first (LSTM: {@code h} and
 * {@code c}). The output is [batch x {@link #outputSize()}]; for most cells it equals {@code h}, but
 * it need not (+RNN). Masks, sequences and truncation are the engine's business, not the cell's.
 *
 * <p>Lifecycle: created by {@link CellType#create}; its parameters are initialized by the engine;
 * then for every step t = 1..T {@link #forward}, and for t = T..1 {@link #backward}. A cell holds no
 * per-step state of its own: everything backward needs goes in the {@link StepCache} of that step,
 * so one cell serves any batch size and sequence length. Neither method may allocate.
 */
public interface Cell {

    int inputSize();

    int hiddenSize();

    /** Width of the output the next layer or readout sees. */
    default int outputSize() {
        return hiddenSize();
    }

    /**
     * Whether the output of a step is the new {@code h} itself (Elman, LSTM, GRU) rather than a value
     * of its own (+RNN's y). Diagnostics need it: when it holds, the whole gradient of h_t is the
     * recurrent one plus the output's. The contract test checks the claim against forward's results.
     */
    default boolean outputIsState() {
        return true;
    }

    /** Names of the state tensors, {@code "h"} first. */
    default List<String> stateNames() {
        return List.of("h");
    }

    /** Width of state tensor {@code i}. */
    default int stateSize(int i) {
        return hiddenSize();
    }

    /** The trainable tensors, in a fixed order, named as in PyTorch's state_dict where it has the cell. */
    List<Parameter> parameters();

    /**
     * Called by the trainer after every optimizer update, for a cell whose options constrain its
     * own parameters (IndRNN's {@code recurrentMax} bound on |u|). The default does nothing.
     *
     * @return how many parameter values were changed
     */
    default long afterUpdate() {
        return 0;
    }

    /** A cache for one step of a batch of {@code batch} sequences. */
    StepCache newStepCache(int batch);

    /**
     * One step forward.
     *
     * @param x input [batch x inputSize]. Not modified.
     * @param prev previous state, one tensor per {@link #stateNames()}. Not modified.
     * @param next the next state. Modified (overwritten).
     * @param output the output [batch x outputSize]. Modified (overwritten).
     * @param cache this step's cache. Modified.
     */
    void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output, StepCache cache);

    /**
     * One step backward: the chain rule from the gradients of this step's output and next state to
     * the gradients of its input, previous state and parameters.
     *
     * @param x the step's input. Not modified.
     * @param prev the step's previous state. Not modified.
     * @param next the step's next state, as forward wrote it. Not modified.
     * @param cache the step's cache, as forward left it. May be modified.
     * @param dOutput dL/d output. Not modified.
     * @param dNext dL/d next state, from later steps. Not modified.
     * @param dx dL/dx. Modified (overwritten).
     * @param dPrev dL/d previous state. Modified (overwritten). Neither {@code dx} nor {@code dPrev}
     *     shares memory with any other argument, so a cell may use them as scratch before writing
     *     its result.
     */
    void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache cache,
            DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev);
}
