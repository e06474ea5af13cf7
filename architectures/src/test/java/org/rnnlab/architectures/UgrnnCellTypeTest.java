package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

class UgrnnCellTypeTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new UgrnnCellType();
    }

    /** tanh with the default gate bias; an activation that needs its input for its derivative; no gate bias. */
    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of(), Map.of("activation", "softplus", "gateBias", -0.5), Map.of("gateBias", 0));
    }
}
