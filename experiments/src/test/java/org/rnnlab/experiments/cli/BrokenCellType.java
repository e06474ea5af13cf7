package org.rnnlab.experiments.cli;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.StepCache;

/** A test-only cell with a wrong backward pass: the Elman cell whose input gradient is 1.5 times too large. */
final class BrokenCellType implements CellType {
    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String description() {
        return "the rnn cell with a wrong input gradient (tests only)";
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        Cell rnn = Registries.standard().cells().get("rnn").create(inputSize, hiddenSize);
        return new Cell() {
            @Override
            public int inputSize() {
                return rnn.inputSize();
            }

            @Override
            public int hiddenSize() {
                return rnn.hiddenSize();
            }

            @Override
            public List<Parameter> parameters() {
                return rnn.parameters();
            }

            @Override
            public StepCache newStepCache(int batch) {
                return rnn.newStepCache(batch);
            }

            @Override
            public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output, StepCache cache) {
                rnn.forward(x, prev, next, output, cache);
            }

            @Override
            public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache cache, DMatrixRMaj dOutput,
                    DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
                rnn.backward(x, prev, next, cache, dOutput, dNext, dx, dPrev);
                for (int i = 0; i < dx.data.length; i++) {
                    dx.data[i] *= 1.5;
                }
            }
        };
    }
}
