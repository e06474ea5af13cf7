package org.rnnlab.architectures;

import org.rnnlab.spi.Cell;

/** The sizes of a gru, indrnn, ugrnn or plus_rnn cell, checked once where the cell is made. */
abstract class SizedCell implements Cell {
    private final int inputSize;
    private final int hiddenSize;

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
}
