package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

class RnnCellTypeTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new RnnCellType();
    }

    /** Every built-in activation family that makes sense in a recurrent layer. */
    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(
                Map.of(),
                Map.of("activation", "sigmoid"),
                Map.of("activation", "relu"),
                Map.of("activation", Map.of("name", "leaky_relu", "slope", 0.1)),
                Map.of("activation", "identity"));
    }
}
