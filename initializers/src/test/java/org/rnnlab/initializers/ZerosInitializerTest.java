package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.testkit.InitializerContractTest;

class ZerosInitializerTest extends InitializerContractTest {

    @Override
    protected Initializer createInitializer() {
        return new ZerosInitializer();
    }

    @Override
    protected boolean isRandom() {
        return false;
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        for (int i = 0; i < filled.getNumElements(); i++) {
            // +0.0 exactly: a -0.0 would print oddly in checkpoints and compare unequal bit for bit.
            assertThat(Double.doubleToRawLongBits(filled.data[i])).as("element %d", i).isZero();
        }
    }

    @Test
    void takesNoParameters() {
        assertThat(createInitializer().params()).isEqualTo(Params.empty());
        assertThatThrownBy(() -> configured(Map.of("value", 1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("zeros takes no parameters, found 'value'");
    }
}
