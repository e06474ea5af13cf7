package org.rnnlab.initializers;

import static org.rnnlab.initializers.MatrixAssertions.assertDrawnFrom;
import static org.rnnlab.initializers.MatrixAssertions.assertRefuses;
import static org.rnnlab.initializers.MatrixAssertions.assertWithinAndReaching;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.InitializerContractTest;

/**
 * What the Glorot and He tests share: vectors refused, and the sample moments of the promised
 * distribution on tensors whose fans differ, so that using the wrong fan (or a gate block's rows for
 * fan_out) changes the variance by far more than the tolerance.
 */
abstract class AbstractVarianceScalingTest extends InitializerContractTest {

    /** 65536 elements each, with fan_in and fan_out of 512 and 128, 128 and 512, 128 and 512 in 4 gates. */
    static final List<Shape> LARGE_SHAPES =
            List.of(Shape.matrix(128, 512), Shape.matrix(512, 128), Shape.gated(4 * 128, 128, 4));

    /** The law the plugin draws from. */
    abstract Law law();

    /** The standard deviation the plugin at its defaults promises for a tensor of these fans. */
    abstract double promisedStd(int fanIn, int fanOut);

    @Override
    protected boolean supportsVectors() {
        return false;
    }

    @Override
    protected List<Shape> statisticsShapes() {
        return plus(super.statisticsShapes(), LARGE_SHAPES.toArray(Shape[]::new));
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertDrawnFromPromise(filled, promisedStd(filled.numCols, filled.numRows));
    }

    /** The moments of the law at this std, and for a uniform law its bounds sqrt(3) std. */
    void assertDrawnFromPromise(DMatrixRMaj filled, double std) {
        assertDrawnFrom(filled, law(), 0, std);
        if (law() == Law.UNIFORM) {
            assertWithinAndReaching(filled, -Math.sqrt(3) * std, Math.sqrt(3) * std);
        }
    }

    @Test
    void refusesVectors() {
        assertRefuses(createInitializer(), new DMatrixRMaj(9, 1), InitContext.vectorOf(ParameterRole.BIAS),
                createInitializer().name() + " needs a matrix, found a vector [9]; "
                        + "initialize vectors with zeros, constant, uniform, normal or identity");
    }
}
