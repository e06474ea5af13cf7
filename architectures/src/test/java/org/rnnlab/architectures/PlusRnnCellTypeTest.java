package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

/** The contract's input 3 and hidden 4: the input is projected first. {@link PlusRnnSquareCellTypeTest} has no projection. */
class PlusRnnCellTypeTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new PlusRnnCellType();
    }

    /** The defaults (relu, tanh, gate bias 1), and smooth activations for both candidates without the gate bias. */
    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of(), Map.of("outputActivation", "softplus", "activation", "sigmoid", "gateBias", 0));
    }
}
