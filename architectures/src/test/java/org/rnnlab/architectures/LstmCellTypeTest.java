package org.rnnlab.architectures;

import org.rnnlab.spi.CellType;

/** The cell contract for {@code lstm}. */
class LstmCellTypeTest extends LstmContractTest {

    @Override
    protected CellType createCellType() {
        return new LstmCellType();
    }
}
