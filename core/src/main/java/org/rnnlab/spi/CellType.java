package org.rnnlab.spi;

/**
 * A kind of recurrent cell (Elman RNN, LSTM, GRU, ...): a plugin whose parameters are the cell's
 * options (activation, gate activation, ...), and a factory of {@link Cell}s of any size.
 *
 * <p>A researcher adds a cell by implementing this and {@link Cell}, listing the class in
 * {@code META-INF/services/org.rnnlab.spi.CellType}, and subclassing the contract test
 * {@code org.rnnlab.testkit.CellContractTest} from core's test-jar.
 */
public interface CellType extends Plugin<CellType> {

    /**
     * A new cell with this type's options. Its parameters are allocated with zero values; the engine
     * initializes them.
     *
     * @param inputSize width of the input, >= 1
     * @param hiddenSize width of the state, >= 1
     */
    Cell create(int inputSize, int hiddenSize);
}
