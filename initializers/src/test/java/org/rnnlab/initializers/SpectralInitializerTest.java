package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.initializers.MatrixAssertions.assertBlockRadius;
import static org.rnnlab.initializers.MatrixAssertions.block;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.Initializer;

class SpectralInitializerTest extends AbstractSpectralRadiusTest {

    @Override
    protected Initializer createInitializer() {
        return new SpectralInitializer();
    }

    @Override
    double promisedRadius() {
        return 1.0;
    }

    @Test
    void rescalesEachGateBlockToTheConfiguredRadius() {
        DMatrixRMaj filled = fill(configured(Map.of("radius", 0.5)), Shape.gated(4 * 16, 16, 4), SEED);
        assertBlockRadius(filled, 4, 0.5);
        assertThat(block(filled, 4, 0).data).as("gate blocks are independent draws")
                .isNotEqualTo(block(filled, 4, 1).data);
    }

    @Test
    void refusesARadiusThatIsNotPositive() {
        assertThatThrownBy(() -> configured(Map.of("radius", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("spectral.radius must be > 0, found 0");
    }
}
