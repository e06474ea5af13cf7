package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

class GruCellTypeTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new GruCellType();
    }

    /** PyTorch's reset-after form and Cho et al.'s reset-before form. */
    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of(), Map.of("resetAfter", false));
    }
}
