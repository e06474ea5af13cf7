package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
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
        for (int i = 0; i < filled.getNumElements(); i++) {
            assertThat(filled.data[i]).as("element %d", i).isEqualTo(0.0);
        }
    }

    private static Initializer constant(Map<String, ?> values) {
        return Registries.standard().initializers().create("constant", values);
    }

    @Test
    void fillsTheConfiguredValueEverywhere() {
        assertThat(fill(constant(Map.of("value", 1)), Shape.gatedVector(4 * 2, 4), SEED).data)
                .containsExactly(1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(fill(constant(Map.of("value", -0.25)), Shape.matrix(2, 3), SEED).data)
                .containsExactly(-0.25, -0.25, -0.25, -0.25, -0.25, -0.25);
    }

    @Test
    void refusesAValueThatIsNotANumber() {
        assertThatThrownBy(() -> constant(Map.of("value", true)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("constant.value must be a number, found true");
    }
}
