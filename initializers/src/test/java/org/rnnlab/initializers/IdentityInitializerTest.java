package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.testkit.InitializerContractTest;

class IdentityInitializerTest extends InitializerContractTest {

    @Override
    protected Initializer createInitializer() {
        return new IdentityInitializer();
    }

    @Override
    protected boolean isRandom() {
        return false;
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        int blockRows = filled.numRows / context.gates();
        for (int r = 0; r < filled.numRows; r++) {
            for (int c = 0; c < filled.numCols; c++) {
                double expected = context.vector() || r % blockRows == c ? 1 : 0;
                assertThat(filled.get(r, c)).as("(%d, %d)", r, c).isEqualTo(expected);
            }
        }
    }

    @Test
    void fillsTheIdentityOfEachShape() {
        assertThat(fill(createInitializer(), Shape.matrix(3, 7), SEED).data).containsExactly(
                1, 0, 0, 0, 0, 0, 0,
                0, 1, 0, 0, 0, 0, 0,
                0, 0, 1, 0, 0, 0, 0);
        assertThat(fill(configured(Map.of("gain", 0.5)), Shape.gated(2 * 3, 2, 2), SEED).data).containsExactly(
                0.5, 0,
                0, 0.5,
                0, 0,
                0.5, 0,
                0, 0.5,
                0, 0);
    }

    @Test
    void aVectorGetsTheGainInEveryElementAsIndRnnsRecurrentWeight() {
        assertThat(fill(configured(Map.of("gain", 0.9)), Shape.vector(4), SEED).data).containsExactly(0.9, 0.9, 0.9, 0.9);
    }

    @Test
    void refusesAGainThatIsNotANumber() {
        assertThatThrownBy(() -> configured(Map.of("gain", "one")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("identity.gain must be a number, found \"one\"");
    }
}
