package org.rnnlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.random.RandomStreams;

/**
 * The Vector API product loops against the plain-Java ones: the same bits, on shapes that hit every
 * tile edge, and both close to EJML's products. The build's tests run with the Vector API enabled.
 */
class ProductEnginesTest {
    private static final int[] ROWS = {1, 2, 3, 4, 5, 9, 32};
    private static final int[] COLS = {1, 3, 4, 7, 8, 9, 17, 64};
    private static final int[] INNER = {0, 1, 3, 4, 7, 8, 13, 16, 23, 130};

    private final RandomGenerator random = new RandomStreams(11).stream("products");
    private final ProductEngine vector = new VectorProducts();
    /** The other width of the broadcast form than this JVM's choice. */
    private final ProductEngine otherWidth = new VectorProducts(!vector.description().contains("512-bit"));
    private final ProductEngine scalar = ScalarProducts.INSTANCE;

    private double[] random(int length) {
        double[] d = new double[length];
        for (int i = 0; i < length; i++) {
            d[i] = random.nextGaussian();
        }
        return d;
    }

    @Test
    void theBuildRunsTheProductsOnTheVectorApi() {
        assertThat(Kernels.productPath()).isEqualTo(vector.description());
    }

    @Test
    void dotFormIsBitIdenticalAndRight() {
        for (int m : ROWS) {
            for (int n : COLS) {
                for (int k : INNER) {
                    double[] a = random(m * k);
                    double[] b = random(n * k);
                    double[] start = random(m * n);
                    for (boolean add : new boolean[] {false, true}) {
                        double[] cv = start.clone();
                        double[] cs = start.clone();
                        double[] cw = start.clone();
                        vector.dot(a, b, cv, 0, m, n, k, add);
                        otherWidth.dot(a, b, cw, 0, m, n, k, add);
                        scalar.dot(a, b, cs, 0, m, n, k, add);
                        assertThat(cv).as("dot %dx%dx%d add %s", m, k, n, add).containsExactly(cs);
                        assertThat(cw).as("other width: dot %dx%dx%d add %s", m, k, n, add).containsExactly(cs);

                        DMatrixRMaj expected = new DMatrixRMaj(m, n);
                        CommonOps_DDRM.multTransB(DMatrixRMaj.wrap(m, k, a), DMatrixRMaj.wrap(n, k, b), expected);
                        assertClose(cv, expected, add ? start : null, k);
                    }
                }
            }
        }
    }

    @Test
    void broadcastFormIsBitIdenticalAndRightForAAndItsTranspose() {
        for (int m : ROWS) {
            for (int n : COLS) {
                for (int k : INNER) {
                    double[] a = random(m * k);
                    double[] b = random(k * n);
                    double[] start = random(m * n);
                    for (boolean transposed : new boolean[] {false, true}) {
                        // a read as [m x k], or as the transpose of a [k x m]
                        int rowStride = transposed ? 1 : k;
                        int colStride = transposed ? m : 1;
                        for (boolean add : new boolean[] {false, true}) {
                            double[] cv = start.clone();
                            double[] cw = start.clone();
                            double[] cs = start.clone();
                            vector.broadcast(operands(a, rowStride, colStride, b, cv, n, k, add), 0, m, 0, n);
                            otherWidth.broadcast(operands(a, rowStride, colStride, b, cw, n, k, add), 0, m, 0, n);
                            scalar.broadcast(operands(a, rowStride, colStride, b, cs, n, k, add), 0, m, 0, n);
                            assertThat(cv).as("broadcast %dx%dx%d transposed %s add %s", m, k, n, transposed, add)
                                    .containsExactly(cs);
                            assertThat(cw).as("other width %dx%dx%d transposed %s add %s", m, k, n, transposed, add)
                                    .containsExactly(cs);

                            DMatrixRMaj expected = new DMatrixRMaj(m, n);
                            if (transposed) {
                                CommonOps_DDRM.multTransA(DMatrixRMaj.wrap(k, m, a), DMatrixRMaj.wrap(k, n, b), expected);
                            } else {
                                CommonOps_DDRM.mult(DMatrixRMaj.wrap(m, k, a), DMatrixRMaj.wrap(k, n, b), expected);
                            }
                            assertClose(cv, expected, add ? start : null, k);
                        }
                    }
                }
            }
        }
    }

    private static BroadcastOperands operands(double[] a, int rowStride, int colStride, double[] b, double[] c, int n,
            int k, boolean add) {
        return new BroadcastOperands().set(a, rowStride, colStride, b, c, n, k, add);
    }

    @Test
    void columnAndRowRangesGiveTheBitsOfTheWholeProduct() {
        // How two threads split a product: by columns at a tile boundary, or by rows.
        int m = 37;
        int k = 29;
        int n = 50;
        double[] a = random(m * k);
        double[] b = random(k * n);
        double[] start = random(m * n);
        for (ProductEngine engine : new ProductEngine[] {vector, otherWidth, scalar}) {
            for (boolean add : new boolean[] {false, true}) {
                double[] whole = start.clone();
                engine.broadcast(operands(a, k, 1, b, whole, n, k, add), 0, m, 0, n);
                double[] byColumns = start.clone();
                engine.broadcast(operands(a, k, 1, b, byColumns, n, k, add), 0, m, 0, 16);
                engine.broadcast(operands(a, k, 1, b, byColumns, n, k, add), 0, m, 16, n);
                double[] byRows = start.clone();
                engine.broadcast(operands(a, k, 1, b, byRows, n, k, add), 0, 18, 0, n);
                engine.broadcast(operands(a, k, 1, b, byRows, n, k, add), 18, m, 0, n);
                assertThat(byColumns).as(engine.description()).containsExactly(whole);
                assertThat(byRows).as(engine.description()).containsExactly(whole);
            }
        }
    }

    @Test
    void dotFormAddsEightPartialSumsThenCombinesThemInPairs() {
        // 2^53 + 1 rounds back to 2^53 (ties to even). Eight partial sums add the two ones to each
        // other before 2^53 (2^53 + 2, exact); one running sum, or four partials, lose both.
        double big = 0x1p53;
        double[] b = {big, 0, 0, 0, 1, 1, 0, 0};
        double[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
        assertThat(ScalarProducts.dotRows(ones, 0, b, 0, 8)).isEqualTo(big + 2);
        // and in a tile of each vector width: 4 rows of a (all ones), 4 of b (the same row)
        double[] a4 = new double[32];
        double[] b4 = new double[32];
        for (int r = 0; r < 4; r++) {
            System.arraycopy(ones, 0, a4, 8 * r, 8);
            System.arraycopy(b, 0, b4, 8 * r, 8);
        }
        for (ProductEngine engine : new ProductEngine[] {vector, otherWidth, scalar}) {
            double[] c = new double[16];
            engine.dot(a4, b4, c, 0, 4, 4, 8, false);
            assertThat(c).as(engine.description()).containsOnly(big + 2);
        }
    }

    @Test
    void theVectorWidthIsThePreferredOneUnlessSet() {
        assertThat(VectorWidth.wide(null, 8)).isTrue();
        assertThat(VectorWidth.wide(null, 4)).isFalse();
        assertThat(VectorWidth.wide("256", 8)).isFalse();
        assertThat(VectorWidth.wide(" 512", 4)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorWidth.wide("1024", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The system property rnnlab.vectorBits must be 256 or 512, found '1024'");
        assertThat(vector.description())
                .contains(VectorWidth.wide(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length()) ? "512-bit" : "256-bit");
    }

    @Test
    void transposeTransposes() {
        DMatrixRMaj a = DMatrixRMaj.wrap(19, 35, random(19 * 35));
        DMatrixRMaj t = new DMatrixRMaj(35, 19);
        Kernels.transpose(a, t);
        DMatrixRMaj expected = new DMatrixRMaj(35, 19);
        CommonOps_DDRM.transpose(a, expected);
        assertThat(t.data).containsExactly(expected.data);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Kernels.transpose(a, new DMatrixRMaj(19, 35)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Output must be 35x19, found 19x35");
    }

    @Test
    void kernelsGiveTheSameBitsWithTheVectorApiAsWithout() {
        DMatrixRMaj h = DMatrixRMaj.wrap(32, 37, random(32 * 37));
        DMatrixRMaj w = DMatrixRMaj.wrap(148, 37, random(148 * 37));
        DMatrixRMaj z = new DMatrixRMaj(32, 148);
        Kernels.multTransB(h, w, z);
        double[] expected = new double[32 * 148];
        scalar.dot(h.data, w.data, expected, 0, 32, 148, 37, false);
        assertThat(z.data).containsExactly(expected);
    }

    @Test
    void packedSlicesOfALargeBGiveTheSameBits() {
        // b of 300 x 450 doubles (over 128K): its 16-column slices are packed before the row tiles
        // read them; 9 rows leave one row below a whole tile, 450 columns a 2-column edge.
        int m = 9;
        int k = 300;
        int n = 450;
        double[] a = random(m * k);
        double[] b = random(k * n);
        double[] start = random(m * n);
        for (boolean add : new boolean[] {false, true}) {
            double[] cs = start.clone();
            scalar.broadcast(operands(a, k, 1, b, cs, n, k, add), 0, m, 0, n);
            for (ProductEngine engine : new ProductEngine[] {vector, otherWidth}) {
                double[] cv = start.clone();
                engine.broadcast(operands(a, k, 1, b, cv, n, k, add), 0, m, 0, n);
                assertThat(Arrays.equals(cv, cs)).as("%s add %s: same bits", engine.description(), add).isTrue();
            }
        }
    }

    @Test
    void rowWiseSumsAreBitIdentical() {
        for (int rows : new int[] {1, 3, 32, 100}) {
            for (int n : new int[] {1, 7, 8, 9, 15, 16, 17, 50, 64}) {
                double[] g = random(rows * n);
                double[] v = random(n);
                double[] cv = g.clone();
                double[] cs = g.clone();
                double[] cw = g.clone();
                vector.addRowVector(v, cv, rows, n);
                otherWidth.addRowVector(v, cw, rows, n);
                scalar.addRowVector(v, cs, rows, n);
                assertThat(cv).as("row vector %dx%d", rows, n).containsExactly(cs);
                assertThat(cw).as("other width: row vector %dx%d", rows, n).containsExactly(cs);
                double[] sv = v.clone();
                double[] sw = v.clone();
                double[] ss = v.clone();
                vector.addColumnSums(g, sv, rows, n);
                otherWidth.addColumnSums(g, sw, rows, n);
                scalar.addColumnSums(g, ss, rows, n);
                assertThat(sv).as("column sums %dx%d", rows, n).containsExactly(ss);
                assertThat(sw).as("other width: column sums %dx%d", rows, n).containsExactly(ss);
                for (int j = 0; j < n; j++) {
                    double expected = v[j];
                    for (int i = 0; i < rows; i++) {
                        expected += g[i * n + j];
                    }
                    assertThat(ss[j]).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void narrowProductsRearrangedForVectorsKeepTheirBits() {
        // An input of width 2 or 6 projected (x W_ihᵀ, an inner dimension below the eight partial
        // sums) and its weight's gradient (dpᵀ x, an output of 2 or 6 columns): Kernels lays them out
        // for the vector tiles; the bits must be those of the plain loops.
        for (int width : new int[] {2, 6}) {
            DMatrixRMaj x = DMatrixRMaj.wrap(1000, width, random(1000 * width));
            DMatrixRMaj w = DMatrixRMaj.wrap(300, width, random(300 * width));
            DMatrixRMaj start = DMatrixRMaj.wrap(1000, 300, random(300_000));
            for (boolean add : new boolean[] {false, true}) {
                DMatrixRMaj p = start.copy();
                if (add) {
                    Kernels.multAddTransB(x, w, p);
                } else {
                    Kernels.multTransB(x, w, p);
                }
                double[] expected = start.data.clone();
                scalar.dot(x.data, w.data, expected, 0, 1000, 300, width, add);
                // Arrays.equals: a failure message listing 300,000 values would take minutes to build.
                assertThat(Arrays.equals(p.data, expected)).as("width %d: x W_ihᵀ add %s: same bits", width, add)
                        .isTrue();

                DMatrixRMaj gradient = DMatrixRMaj.wrap(300, width, random(300 * width));
                double[] expectedGradient = gradient.data.clone();
                if (add) {
                    Kernels.multAddTransA(start, x, gradient);
                } else {
                    Kernels.multTransA(start, x, gradient);
                }
                scalar.broadcast(operands(start.data, 1, 300, x.data, expectedGradient, width, 1000, add), 0, 300, 0,
                        width);
                assertThat(Arrays.equals(gradient.data, expectedGradient))
                        .as("width %d: dpᵀ x add %s: same bits", width, add).isTrue();
            }
        }
    }

    @Test
    // A broken hand-over hangs rather than fails; a timer on another thread turns that into a failure.
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void twoThreadsGiveTheSameBitsAsOne() {
        // 64 x 256 x 256 multiply-adds: above the size at which products split their rows.
        DMatrixRMaj a = DMatrixRMaj.wrap(64, 256, random(64 * 256));
        DMatrixRMaj w = DMatrixRMaj.wrap(256, 256, random(256 * 256));
        DMatrixRMaj at = DMatrixRMaj.wrap(256, 64, random(256 * 64));
        // and a product with more rows than columns (512 x 256), which splits by rows, and a gradient
        // over a batch of 32 (256 x 512, more rows than the inner dimension), which splits by rows too.
        DMatrixRMaj tall = DMatrixRMaj.wrap(256, 512, random(256 * 512));
        DMatrixRMaj dz = DMatrixRMaj.wrap(32, 256, random(32 * 256));
        DMatrixRMaj h = DMatrixRMaj.wrap(32, 512, random(32 * 512));
        DMatrixRMaj[] one = {new DMatrixRMaj(64, 256), new DMatrixRMaj(64, 256), new DMatrixRMaj(64, 256),
            new DMatrixRMaj(512, 256), new DMatrixRMaj(256, 512)};
        DMatrixRMaj[] two = {new DMatrixRMaj(64, 256), new DMatrixRMaj(64, 256), new DMatrixRMaj(64, 256),
            new DMatrixRMaj(512, 256), new DMatrixRMaj(256, 512)};
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Kernels.setProductThreads(threads);
                DMatrixRMaj[] out = threads == 1 ? one : two;
                for (int repeat = 0; repeat < 3; repeat++) {
                    Kernels.multAddTransB(a, w, out[0]);
                    Kernels.multAdd(a, w, out[1]);
                    Kernels.multAddTransA(at, w, out[2]);
                    Kernels.multAddTransA(tall, w, out[3]);
                    Kernels.multAddTransA(dz, h, out[4]);
                }
            }
        } finally {
            Kernels.setProductThreads(1);
        }
        for (int i = 0; i < one.length; i++) {
            assertThat(two[i].data).as("product %d on two threads", i).containsExactly(one[i].data);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void twoThreadProductsStayRightWhenTheHelperParksBetweenThem() throws InterruptedException {
        // Pauses longer than the 200 µs the two threads spin make the helper park between products;
        // each product must still be whole and right (a lost wake-up would hang, which the timeout
        // turns into a failure, or leave half of it).
        DMatrixRMaj a = DMatrixRMaj.wrap(32, 512, random(32 * 512));
        DMatrixRMaj w = DMatrixRMaj.wrap(512, 256, random(512 * 256));
        double[] expected = new double[32 * 256];
        scalar.broadcast(operands(a.data, 512, 1, w.data, expected, 256, 512, false), 0, 32, 0, 256);
        try {
            Kernels.setProductThreads(2);
            for (int repeat = 0; repeat < 20; repeat++) {
                DMatrixRMaj c = new DMatrixRMaj(32, 256);
                Kernels.mult(a, w, c);
                assertThat(Arrays.equals(c.data, expected)).as("product %d after a pause", repeat).isTrue();
                Thread.sleep(2);
            }
        } finally {
            Kernels.setProductThreads(1);
        }
    }

    @Test
    void productThreadsAreOneOrTwo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Kernels.setProductThreads(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Product threads must be 1 or 2, found 3");
        assertThat(Kernels.productThreads()).isEqualTo(1);
    }

    /** |actual - (start + expected)| within 1e-12 of the terms' scale. */
    private static void assertClose(double[] actual, DMatrixRMaj expected, double[] start, int k) {
        double[] want = expected.data.clone();
        if (start != null) {
            for (int i = 0; i < want.length; i++) {
                want[i] += start[i];
            }
        }
        double tolerance = 1e-12 * (k + 1) * 10;
        for (int i = 0; i < want.length; i++) {
            // A plain comparison first: building the description for every element is slow.
            if (!(Math.abs(actual[i] - want[i]) <= tolerance)) {
                assertThat(actual[i]).as("element %d of %s", i, Arrays.toString(want))
                        .isCloseTo(want[i], org.assertj.core.data.Offset.offset(tolerance));
            }
        }
    }
}
