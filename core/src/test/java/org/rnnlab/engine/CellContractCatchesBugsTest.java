package org.rnnlab.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

/** Each planted bug makes the matching contract check fail, so the kit's checks can fail. */
class CellContractCatchesBugsTest {

    private static CellContractTest contractFor(ToyCellType.Bug bug) {
        return new CellContractTest() {
            @Override
            protected CellType createCellType() {
                return new ToyCellType(bug);
            }
        };
    }

    @Test
    void wrongParameterGradient() {
        assertThatThrownBy(() -> contractFor(ToyCellType.Bug.WRONG_RECURRENT_GRADIENT).gradientsMatchFiniteDifferencesBatch())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("weight_hh[");
    }

    @Test
    void droppedStateGradient() {
        assertThatThrownBy(() -> contractFor(ToyCellType.Bug.DROPS_CELL_GRADIENT).gradientsMatchFiniteDifferencesBatchOfOne())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("initial c[");
    }

    @Test
    void overwrittenGradients() {
        assertThatThrownBy(() -> contractFor(ToyCellType.Bug.OVERWRITES_GRADIENTS).parameterGradientsAccumulate())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("weight_ih accumulates");
    }

    @Test
    void modifiedInput() {
        assertThatThrownBy(() -> contractFor(ToyCellType.Bug.MODIFIES_INPUT).inputsAreNotModified())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("forward left x unmodified");
    }

    @Test
    void allocationInTheLoop() {
        assertThatThrownBy(() -> contractFor(ToyCellType.Bug.ALLOCATES).noAllocationInTheTimeLoop())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("bytes allocated");
    }

    @Test
    void projectedPathThatDisagreesWithTheStepByStepOne() {
        CellContractTest contract = new CellContractTest() {
            @Override
            protected CellType createCellType() {
                return new ProjectingToyCellType(true);
            }
        };
        assertThatThrownBy(contract::projectedInputsAgreeWithStepByStep)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("projected in chunks of 4 steps vs step by step");
    }

    @Test
    void unregisteredPlugin() {
        assertThatThrownBy(() -> contractFor(ToyCellType.Bug.NONE).discoveredByServiceLoader())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown cell 'toy';");
    }
}
