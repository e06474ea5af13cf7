package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.initializers.MatrixAssertions.assertDrawnFrom;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.testkit.InitializerContractTest;

class NormalInitializerTest extends InitializerContractTest {

    @Override
    protected Initializer createInitializer() {
        return new NormalInitializer();
    }

    @Override
    protected List<Shape> statisticsShapes() {
        return plus(super.statisticsShapes(), Shape.matrix(256, 256), Shape.vector(65536));
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertDrawnFrom(filled, Law.NORMAL, 0, 0.01);
    }

    @Test
    void drawsWithTheConfiguredMeanAndDeviation() {
        assertDrawnFrom(fill(configured(Map.of("mean", 3, "std", 2)), Shape.matrix(256, 256), SEED), Law.NORMAL, 3, 2);
    }

    @Test
    void aZeroDeviationGivesTheMeanExactly() {
        assertThat(fill(configured(Map.of("mean", 0.5, "std", 0)), Shape.matrix(3, 2), SEED).data)
                .containsExactly(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
    }

    @Test
    void refusesANegativeDeviation() {
        assertThatThrownBy(() -> Registries.standard().initializers().create("normal", Map.of("std", -1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("normal.std must be >= 0, found -1");
    }
}
