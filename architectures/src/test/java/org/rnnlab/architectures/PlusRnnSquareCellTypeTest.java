package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

/** Input and hidden sizes equal: y carries x itself and there is no {@code weight_proj}. */
class PlusRnnSquareCellTypeTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new PlusRnnCellType();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return PlusRnnConfigurations.ALL;
    }

    @Override
    protected int inputSize() {
        return 4;
    }

    @Override
    protected int hiddenSize() {
        return 4;
    }
}
