package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.testkit.InitializerContractTest;

class ConstantInitializerTest extends InitializerContractTest {

    @Override
    protected Initializer createInitializer() {
        return new ConstantInitializer();
    }

    @Override
    protected boolean isRandom() {
        return false;
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertThat(CommonOps_DDRM.elementMaxAbs(filled)).as("largest magnitude at the default value 0").isZero();
    }

    @Test
    void fillsTheConfiguredValueEverywhere() {
        assertThat(fill(configured(Map.of("value", 1)), Shape.gatedVector(4 * 2, 4), SEED).data)
                .containsExactly(1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(fill(configured(Map.of("value", -0.25)), Shape.matrix(2, 3), SEED).data)
                .containsExactly(-0.25, -0.25, -0.25, -0.25, -0.25, -0.25);
    }

    @Test
    void refusesAValueThatIsNotANumber() {
        assertThatThrownBy(() -> configured(Map.of("value", true)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("constant.value must be a number, found true");
    }
}
