package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

class IndRnnCellTypeTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new IndRnnCellType();
    }

    /** The default relu, and smooth activations whose difference quotients no kink can spoil. */
    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of(), Map.of("activation", "softplus"), Map.of("activation", "tanh"));
    }
}
