package org.rnnlab.architectures;

import org.rnnlab.spi.CellType;

/** The cell contract for {@code lstm_peephole}. */
class LstmPeepholeCellTypeTest extends LstmContractTest {

    @Override
    protected CellType createCellType() {
        return new LstmPeepholeCellType();
    }
}
