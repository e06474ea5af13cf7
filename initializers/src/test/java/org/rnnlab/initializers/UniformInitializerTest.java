package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.initializers.MatrixAssertions.assertDrawnFrom;
import static org.rnnlab.initializers.MatrixAssertions.assertWithinAndReaching;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.testkit.InitializerContractTest;

class UniformInitializerTest extends InitializerContractTest {

    @Override
    protected Initializer createInitializer() {
        return new UniformInitializer();
    }

    @Override
    protected List<Shape> statisticsShapes() {
        return plus(super.statisticsShapes(), Shape.matrix(256, 256), Shape.vector(65536));
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertWithinAndReaching(filled, -0.05, 0.05);
        assertDrawnFrom(filled, Law.UNIFORM, 0, 0.1 / Math.sqrt(12));
    }

    @Test
    void drawsBetweenTheConfiguredEnds() {
        DMatrixRMaj filled = fill(configured(Map.of("low", 2, "high", 3)), Shape.matrix(256, 256), SEED);
        assertWithinAndReaching(filled, 2, 3);
        assertDrawnFrom(filled, Law.UNIFORM, 2.5, 1 / Math.sqrt(12));
    }

    @Test
    void refusesALowEndThatIsNotBelowTheHighEnd() {
        assertThatThrownBy(() -> configured(Map.of("low", 1, "high", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("uniform.low must be < high, found low 1 and high 0");
        assertThatThrownBy(() -> configured(Map.of("low", 0.25, "high", 0.25)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("uniform.low must be < high, found low 0.25 and high 0.25");
        // A high below the default low is caught too, with the default low named.
        assertThatThrownBy(() -> configured(Map.of("high", -0.5)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("uniform.low must be < high, found low -0.05 and high -0.5");
    }

    @Test
    void refusesAnInfiniteEnd() {
        assertThatThrownBy(() -> configured(Map.of("high", Double.POSITIVE_INFINITY)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("uniform.high must be a finite number, found Infinity");
        assertThat(configured(Map.of("high", 1)).params().getDouble("high")).isEqualTo(1.0);
    }
}
