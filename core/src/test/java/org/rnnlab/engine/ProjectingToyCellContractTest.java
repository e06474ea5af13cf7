package org.rnnlab.engine;

import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

/** The whole contract on a cell that projects its inputs ahead: the engine's projected path, proved in core. */
class ProjectingToyCellContractTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new ProjectingToyCellType(false);
    }

    /** Deliberately not registered, as the other toy cell. */
    @Override
    public void discoveredByServiceLoader() {
    }
}
