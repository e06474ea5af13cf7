package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.initializers.MatrixAssertions.assertBlockRadius;
import static org.rnnlab.initializers.MatrixAssertions.block;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.InitializerContractTest;

class SpectralInitializerTest extends InitializerContractTest {

    @Override
    protected Initializer createInitializer() {
        return new SpectralInitializer();
    }

    @Override
    protected boolean supportsVectors() {
        return false;
    }

    @Override
    protected boolean supportsNonSquare() {
        return false;
    }

    @Override
    protected List<Shape> statisticsShapes() {
        return Stream.concat(super.statisticsShapes().stream(), Stream.of(Shape.matrix(64, 64), Shape.gated(3 * 32, 32, 3)))
                .toList();
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertBlockRadius(filled, context.gates(), 1.0);
    }

    private static Initializer spectral(Map<String, ?> values) {
        return Registries.standard().initializers().create("spectral", values);
    }

    @Test
    void rescalesEachGateBlockToTheConfiguredRadius() {
        DMatrixRMaj filled = fill(spectral(Map.of("radius", 0.5)), Shape.gated(4 * 16, 16, 4), SEED);
        assertBlockRadius(filled, 4, 0.5);
        assertThat(block(filled, 4, 0).data).as("gate blocks are independent draws")
                .isNotEqualTo(block(filled, 4, 1).data);
    }

    @Test
    void refusesNonSquareBlocksNamingTheShape() {
        Initializer spectral = createInitializer();
        assertThatThrownBy(() -> spectral.initialize(new DMatrixRMaj(7, 3),
                InitContext.matrix(ParameterRole.RECURRENT_WEIGHT), random(SEED)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("spectral needs a square matrix, found 7x3");
        assertThatThrownBy(() -> spectral.initialize(new DMatrixRMaj(12, 6),
                new InitContext(ParameterRole.RECURRENT_WEIGHT, 3, false), random(SEED)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("spectral needs square gate blocks, found 12x6 in 3 gate blocks of 4x6");
        assertThatThrownBy(() -> spectral.initialize(new DMatrixRMaj(9, 1),
                InitContext.vectorOf(ParameterRole.RECURRENT_WEIGHT), random(SEED)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("spectral needs a matrix, found a vector [9]; "
                        + "initialize vectors with zeros, constant, uniform, normal or identity");
    }

    @Test
    void refusesARadiusThatIsNotPositive() {
        assertThatThrownBy(() -> spectral(Map.of("radius", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("spectral.radius must be > 0, found 0");
    }
}
