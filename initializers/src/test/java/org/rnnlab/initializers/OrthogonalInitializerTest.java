package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.initializers.MatrixAssertions.assertOrthogonal;
import static org.rnnlab.initializers.MatrixAssertions.assertRefuses;
import static org.rnnlab.initializers.MatrixAssertions.block;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.InitializerContractTest;

class OrthogonalInitializerTest extends InitializerContractTest {

    @Override
    protected Initializer createInitializer() {
        return new OrthogonalInitializer();
    }

    @Override
    protected boolean supportsVectors() {
        return false;
    }

    @Override
    protected List<Shape> statisticsShapes() {
        return plus(super.statisticsShapes(),
                Shape.matrix(64, 64), Shape.matrix(40, 10), Shape.matrix(10, 40), Shape.gated(4 * 32, 32, 4));
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        for (int g = 0; g < context.gates(); g++) {
            assertOrthogonal(block(filled, context.gates(), g), 1.0, 1e-12);
        }
    }

    @Test
    void eachGateBlockIsOrthogonalOnItsOwnSoTheStackIsNot() {
        DMatrixRMaj square = fill(createInitializer(), Shape.gated(4 * 16, 16, 4), SEED);
        for (int g = 0; g < 4; g++) {
            assertOrthogonal(block(square, 4, g), 1.0, 1e-12);
        }
        // Four blocks with orthonormal columns stack into W^T W = 4 I: the columns of the whole are
        // orthogonal but of norm 2, where PyTorch's orthogonal_ would give W^T W = I.
        DMatrixRMaj gram = new DMatrixRMaj(16, 16);
        CommonOps_DDRM.multTransA(square, square, gram);
        CommonOps_DDRM.scale(0.25, gram);
        assertThat(MatrixAssertions.maxDistanceFromIdentity(gram)).isLessThan(1e-12);
        assertThat(block(square, 4, 0).get(0, 0)).isNotEqualTo(block(square, 4, 1).get(0, 0));
        assertThat(CommonOps_DDRM.elementMaxAbs(CommonOps_DDRM.subtract(block(square, 4, 0), block(square, 4, 1), null)))
                .as("gate blocks are independent draws").isGreaterThan(0.1);

        // Wide blocks (4x6) have orthonormal rows; the tall 12x6 stack has no orthonormal columns.
        DMatrixRMaj wide = fill(createInitializer(), Shape.gated(3 * 4, 6, 3), SEED);
        for (int g = 0; g < 3; g++) {
            assertOrthogonal(block(wide, 3, g), 1.0, 1e-12);
        }
        DMatrixRMaj wideGram = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.multTransA(wide, wide, wideGram);
        assertThat(MatrixAssertions.maxDistanceFromIdentity(wideGram)).isGreaterThan(0.1);
    }

    @Test
    void gainScalesTheMatrixExactly() {
        Shape shape = Shape.gated(3 * 5, 5, 3);
        DMatrixRMaj plain = fill(createInitializer(), shape, SEED);
        DMatrixRMaj doubled = fill(configured(Map.of("gain", 2)), shape, SEED);
        CommonOps_DDRM.scale(2, plain);
        // Scaling by 2 is exact in binary floating point, so the two agree bit for bit.
        assertBitIdentical(plain, doubled, "gain 2 is twice gain 1");
        for (int g = 0; g < 3; g++) {
            assertOrthogonal(block(doubled, 3, g), 2.0, 4e-12);
        }
        assertThat(configured(Map.of("gain", 2)).params().getDouble("gain")).isEqualTo(2.0);
    }

    @Test
    void signCorrectionMakesTheMatrixHaarDistributed() {
        // A thousand independent 3x3 blocks in one tensor. Under the Haar measure every entry has mean
        // 0 and variance 1/3; a QR without the sign correction gives diagonal entries of one sign.
        // 3000 diagonal entries: standard error sqrt(1/3 / 3000) = 0.0105, tolerance 0.06.
        int blocks = 1000;
        DMatrixRMaj q = fill(createInitializer(), Shape.gated(3 * blocks, 3, blocks), SEED);
        double diagonal = 0;
        int positive = 0;
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < 3; i++) {
                double v = q.get(3 * b + i, i);
                diagonal += v;
                positive += v > 0 ? 1 : 0;
            }
        }
        assertThat(diagonal / (3 * blocks)).isCloseTo(0, within(0.06));
        // A fair coin in 3000 tosses: standard error 0.0091, tolerance 0.055.
        assertThat(positive / (3.0 * blocks)).isCloseTo(0.5, within(0.055));
    }

    @Test
    void refusesVectorsAndUnevenGates() {
        assertRefuses(createInitializer(), new DMatrixRMaj(9, 1), InitContext.vectorOf(ParameterRole.RECURRENT_WEIGHT),
                "orthogonal needs a matrix, found a vector [9]; "
                        + "initialize vectors with zeros, constant, uniform, normal or identity");
        assertRefuses(createInitializer(), new DMatrixRMaj(10, 6),
                new InitContext(ParameterRole.RECURRENT_WEIGHT, 3, false),
                "orthogonal cannot split 10x6 into 3 gate blocks of equal rows");
    }

    @Test
    void refusesAGainThatIsNotPositive() {
        assertThatThrownBy(() -> configured(Map.of("gain", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("orthogonal.gain must be > 0, found 0");
    }
}
