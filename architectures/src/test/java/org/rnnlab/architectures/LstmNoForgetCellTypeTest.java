package org.rnnlab.architectures;

import org.rnnlab.spi.CellType;

/** The cell contract for {@code lstm_noforget}. */
class LstmNoForgetCellTypeTest extends LstmContractTest {

    @Override
    protected CellType createCellType() {
        return new LstmNoForgetCellType();
    }
}
