package org.rnnlab.architectures;

import java.util.List;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;

/**
 * The sizes and parameters of every cell of this package (rnn, the LSTMs, gru, indrnn, ugrnn,
 * plus_rnn): sizes checked once where the cell is made, parameters declared by its constructor.
 */
abstract class SizedCell implements Cell {
    private final int inputSize;
    private final int hiddenSize;
    private List<Parameter> parameters = List.of();

    /**
     * @param cell the plugin's name, for the message
     * @throws IllegalArgumentException if a size is below 1
     */
    SizedCell(String cell, int inputSize, int hiddenSize) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(
                    cell + " sizes must be >= 1, found input " + inputSize + " and hidden " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
    }

    @Override
    public final int inputSize() {
        return inputSize;
    }

    @Override
    public final int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    /** Sets the parameters, in their fixed order; for the subclass's constructor. */
    final void declare(List<Parameter> list) {
        parameters = List.copyOf(list);
    }
}
