package org.rnnlab.engine;

import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

/** The contract kit run on core's test-only cell, so the kit and the engine are proved without plugins. */
class ToyCellContractTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new ToyCellType();
    }

    /** The toy cell is deliberately not registered: a test plugin in the test-jar would leak into every module. */
    @Override
    public void discoveredByServiceLoader() {
    }
}
