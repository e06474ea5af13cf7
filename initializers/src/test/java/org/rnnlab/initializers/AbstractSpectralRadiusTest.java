package org.rnnlab.initializers;

import static org.rnnlab.initializers.MatrixAssertions.assertBlockRadius;
import static org.rnnlab.initializers.MatrixAssertions.assertRefuses;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.InitializerContractTest;

/**
 * What the spectral and sparse spectral tests share: only square gate blocks are filled, and each
 * block's spectral radius is the promised one, on blocks large enough to have many eigenvalues.
 */
abstract class AbstractSpectralRadiusTest extends InitializerContractTest {

    /** The radius the plugin at its defaults promises. */
    abstract double promisedRadius();

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
        return plus(super.statisticsShapes(), Shape.matrix(40, 40), Shape.gated(4 * 32, 32, 4));
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertBlockRadius(filled, context.gates(), promisedRadius());
    }

    @Test
    void refusesVectorsAndNonSquareBlocksNamingTheShape() {
        String name = createInitializer().name();
        assertRefuses(createInitializer(), new DMatrixRMaj(7, 3), InitContext.matrix(ParameterRole.RECURRENT_WEIGHT),
                name + " needs a square matrix, found 7x3");
        assertRefuses(createInitializer(), new DMatrixRMaj(12, 6),
                new InitContext(ParameterRole.RECURRENT_WEIGHT, 3, false),
                name + " needs square gate blocks, found 12x6 in 3 gate blocks of 4x6");
        assertRefuses(createInitializer(), new DMatrixRMaj(9, 1), InitContext.vectorOf(ParameterRole.RECURRENT_WEIGHT),
                name + " needs a matrix, found a vector [9]; "
                        + "initialize vectors with zeros, constant, uniform, normal or identity");
    }
}
