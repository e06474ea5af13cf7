package org.rnnlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.random.RandomStreams;

/** Each kernel against EJML's reference operations, on shapes that are not square. */
class KernelsTest {
    private final RandomGenerator random = new RandomStreams(5).stream("kernels");

    private DMatrixRMaj random(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }

    private static void assertClose(DMatrixRMaj actual, DMatrixRMaj expected) {
        assertThat(MatrixFeatures_DDRM.isIdentical(actual, expected, 1e-12))
                .as("%s vs %s", actual, expected).isTrue();
    }

    @Test
    void products() {
        DMatrixRMaj a = random(5, 3);
        DMatrixRMaj b = random(3, 7);
        DMatrixRMaj bt = random(7, 3);
        DMatrixRMaj at = random(3, 5);
        DMatrixRMaj c = random(5, 7);
        DMatrixRMaj expected = new DMatrixRMaj(5, 7);

        CommonOps_DDRM.mult(a, b, expected);
        Kernels.mult(a, b, c);
        assertClose(c, expected);

        CommonOps_DDRM.multAdd(a, b, expected);
        Kernels.multAdd(a, b, c);
        assertClose(c, expected);

        CommonOps_DDRM.multTransB(a, bt, expected);
        Kernels.multTransB(a, bt, c);
        assertClose(c, expected);

        CommonOps_DDRM.multAddTransB(a, bt, expected);
        Kernels.multAddTransB(a, bt, c);
        assertClose(c, expected);

        CommonOps_DDRM.multTransA(at, b, expected);
        Kernels.multTransA(at, b, c);
        assertClose(c, expected);

        CommonOps_DDRM.multAddTransA(at, b, expected);
        Kernels.multAddTransA(at, b, c);
        assertClose(c, expected);
    }

    @Test
    void biasBroadcastAndItsGradient() {
        DMatrixRMaj c = random(4, 3);
        DMatrixRMaj v = random(3, 1);
        DMatrixRMaj expected = c.copy();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                expected.add(i, j, v.get(j, 0));
            }
        }
        Kernels.addRowVector(v, c);
        assertClose(c, expected);

        DMatrixRMaj sums = random(3, 1);
        DMatrixRMaj expectedSums = sums.copy();
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                expectedSums.add(j, 0, c.get(i, j));
            }
        }
        Kernels.addColumnSums(c, sums);
        assertClose(sums, expectedSums);
    }

    @Test
    void elementWise() {
        DMatrixRMaj a = random(3, 4);
        DMatrixRMaj b = random(3, 4);
        DMatrixRMaj c = new DMatrixRMaj(3, 4);
        DMatrixRMaj expected = new DMatrixRMaj(3, 4);

        Kernels.add(a, b, c);
        CommonOps_DDRM.add(a, b, expected);
        assertClose(c, expected);

        Kernels.hadamard(a, b, c);
        CommonOps_DDRM.elementMult(a, b, expected);
        assertClose(c, expected);

        DMatrixRMaj acc = random(3, 4);
        expected = acc.copy();
        Kernels.hadamardAdd(a, b, acc);
        CommonOps_DDRM.addEquals(expected, c);
        assertClose(acc, expected);

        expected = b.copy();
        Kernels.addScaled(0.25, a, b);
        CommonOps_DDRM.addEquals(expected, 0.25, a);
        assertClose(b, expected);

        assertThat(Kernels.dot(a, a)).isCloseTo(Kernels.squaredNorm(a), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Kernels.squaredNorm(a))
                .isCloseTo(CommonOps_DDRM.elementSum(elementSquare(a)), org.assertj.core.data.Offset.offset(1e-12));
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj a) {
        DMatrixRMaj s = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, a, s);
        return s;
    }

    @Test
    void rowsForMasks() {
        DMatrixRMaj a = random(3, 2);
        DMatrixRMaj b = random(3, 2);
        Kernels.copyRow(a, b, 1);
        assertThat(b.get(1, 0)).isEqualTo(a.get(1, 0));
        assertThat(b.get(0, 0)).isNotEqualTo(a.get(0, 0));
        Kernels.zeroRow(b, 2);
        assertThat(b.get(2, 0)).isZero();
        assertThat(b.get(2, 1)).isZero();
        assertThat(b.get(1, 1)).isEqualTo(a.get(1, 1));
    }

    @Test
    void shapeErrorsSayBothShapes() {
        assertThatThrownBy(() -> Kernels.add(new DMatrixRMaj(3, 4), new DMatrixRMaj(4, 3), new DMatrixRMaj(3, 4)))
                .hasMessage("Must be same shape. 3x4 vs 4x3");
        assertThatThrownBy(() -> Kernels.multTransB(new DMatrixRMaj(2, 3), new DMatrixRMaj(5, 4), new DMatrixRMaj(2, 5)))
                .hasMessage("Inner dimensions must agree. 2x3 times 4x5");
        assertThatThrownBy(() -> Kernels.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 4), new DMatrixRMaj(4, 2)))
                .hasMessage("Output must be 2x4, found 4x2");
        assertThatThrownBy(() -> Kernels.addRowVector(new DMatrixRMaj(2, 1), new DMatrixRMaj(3, 3)))
                .hasMessage("Vector must have 3 elements, found 2x1");
    }

    @Test
    void outputMustNotAliasAnInput() {
        DMatrixRMaj a = random(3, 3);
        assertThatThrownBy(() -> Kernels.mult(a, random(3, 3), a)).hasMessage("The output must not be an input");
        assertThatThrownBy(() -> Kernels.hadamardAdd(a, random(3, 3), a)).hasMessage("The output must not be an input");
    }

    @Test
    void flushTinySetsMagnitudesBelowTheBoundToZeroAndKeepsTheRest() {
        double[] in = {1e-300, -1e-300, 9.99e-301, -5e-305, Double.MIN_NORMAL, Double.MIN_VALUE, -Double.MIN_VALUE,
            -0.0, 0.0, 1.0, Double.NaN, Double.NEGATIVE_INFINITY};
        double[] out = {1e-300, -1e-300, 0.0, 0.0, 0.0, 0.0, 0.0, -0.0, 0.0, 1.0, Double.NaN, Double.NEGATIVE_INFINITY};
        DMatrixRMaj a = DMatrixRMaj.wrap(3, 4, in.clone());
        Kernels.flushTiny(a);
        assertThat(a.data).containsExactly(out);
        assertThat(Kernels.TINY).isEqualTo(1e-300);
    }
}
