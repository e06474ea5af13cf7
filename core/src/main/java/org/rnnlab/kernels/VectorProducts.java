package org.rnnlab.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The product loops on the Vector API (jdk.incubator.vector), register-tiled: 2 x 4 output elements
 * per tile in the dot form, 4 rows x 8 columns in the broadcast form. Loaded only when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}; see {@link Kernels#productPath()}.
 *
 * <p>The width is fixed at 256 bits (4 doubles), not the machine's preferred width, because the dot
 * form's partial sums depend on it: a fixed width keeps results identical on every machine and equal
 * to {@link ScalarProducts}. Products and sums are separate operations (no fma) for the same reason.
 */
final class VectorProducts implements ProductEngine {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    private static final int LANES = 4;

    VectorProducts() {
        if (SPECIES.length() != LANES) {
            throw new IllegalStateException("Expected " + LANES + " lanes, found " + SPECIES.length());
        }
    }

    @Override
    public void dot(double[] a, double[] b, double[] c, int rowFrom, int rowTo, int n, int k, boolean add) {
        final int k4 = k - k % LANES;
        if (k4 == 0) {
            // Shorter than a vector (an input of width 2): the plain loops, without lanes to combine.
            ScalarProducts.INSTANCE.dot(a, b, c, rowFrom, rowTo, n, k, add);
            return;
        }
        int i = rowFrom;
        for (; i + 2 <= rowTo; i += 2) {
            final int a0 = i * k;
            final int a1 = a0 + k;
            final int c0 = i * n;
            final int c1 = c0 + n;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                final int b0 = j * k;
                final int b1 = b0 + k;
                final int b2 = b1 + k;
                final int b3 = b2 + k;
                DoubleVector s00 = DoubleVector.zero(SPECIES);
                DoubleVector s01 = s00;
                DoubleVector s02 = s00;
                DoubleVector s03 = s00;
                DoubleVector s10 = s00;
                DoubleVector s11 = s00;
                DoubleVector s12 = s00;
                DoubleVector s13 = s00;
                for (int p = 0; p < k4; p += LANES) {
                    DoubleVector x0 = DoubleVector.fromArray(SPECIES, a, a0 + p);
                    DoubleVector x1 = DoubleVector.fromArray(SPECIES, a, a1 + p);
                    DoubleVector y = DoubleVector.fromArray(SPECIES, b, b0 + p);
                    s00 = s00.add(x0.mul(y));
                    s10 = s10.add(x1.mul(y));
                    y = DoubleVector.fromArray(SPECIES, b, b1 + p);
                    s01 = s01.add(x0.mul(y));
                    s11 = s11.add(x1.mul(y));
                    y = DoubleVector.fromArray(SPECIES, b, b2 + p);
                    s02 = s02.add(x0.mul(y));
                    s12 = s12.add(x1.mul(y));
                    y = DoubleVector.fromArray(SPECIES, b, b3 + p);
                    s03 = s03.add(x0.mul(y));
                    s13 = s13.add(x1.mul(y));
                }
                store(c, c0 + j, finish(s00, a, a0, b, b0, k4, k), add);
                store(c, c0 + j + 1, finish(s01, a, a0, b, b1, k4, k), add);
                store(c, c0 + j + 2, finish(s02, a, a0, b, b2, k4, k), add);
                store(c, c0 + j + 3, finish(s03, a, a0, b, b3, k4, k), add);
                store(c, c1 + j, finish(s10, a, a1, b, b0, k4, k), add);
                store(c, c1 + j + 1, finish(s11, a, a1, b, b1, k4, k), add);
                store(c, c1 + j + 2, finish(s12, a, a1, b, b2, k4, k), add);
                store(c, c1 + j + 3, finish(s13, a, a1, b, b3, k4, k), add);
            }
            for (; j < n; j++) {
                store(c, c0 + j, ScalarProducts.dotRows(a, a0, b, j * k, k), add);
                store(c, c1 + j, ScalarProducts.dotRows(a, a1, b, j * k, k), add);
            }
        }
        for (; i < rowTo; i++) {
            for (int j = 0; j < n; j++) {
                store(c, i * n + j, ScalarProducts.dotRows(a, i * k, b, j * k, k), add);
            }
        }
    }

    /** The lanes combined as ((s0 + s1) + (s2 + s3)), then the tail: the scalar order exactly. */
    private static double finish(DoubleVector s, double[] a, int aOffset, double[] b, int bOffset, int k4, int k) {
        double sum = (s.lane(0) + s.lane(1)) + (s.lane(2) + s.lane(3));
        return ScalarProducts.dotTail(sum, a, aOffset, b, bOffset, k4, k);
    }

    private static void store(double[] c, int index, double sum, boolean add) {
        c[index] = add ? c[index] + sum : sum;
    }

    @Override
    public void broadcast(double[] a, int aRowStride, int aColStride, double[] b, double[] c, int rowFrom, int rowTo,
            int n, int k, boolean add) {
        final int width = 2 * LANES;
        final int n8 = n - n % width;
        int i = rowFrom;
        for (; i + 4 <= rowTo; i += 4) {
            final int c0 = i * n;
            final int c1 = c0 + n;
            final int c2 = c1 + n;
            final int c3 = c2 + n;
            for (int j = 0; j < n8; j += width) {
                DoubleVector r00;
                DoubleVector r01;
                DoubleVector r10;
                DoubleVector r11;
                DoubleVector r20;
                DoubleVector r21;
                DoubleVector r30;
                DoubleVector r31;
                if (add) {
                    r00 = DoubleVector.fromArray(SPECIES, c, c0 + j);
                    r01 = DoubleVector.fromArray(SPECIES, c, c0 + j + LANES);
                    r10 = DoubleVector.fromArray(SPECIES, c, c1 + j);
                    r11 = DoubleVector.fromArray(SPECIES, c, c1 + j + LANES);
                    r20 = DoubleVector.fromArray(SPECIES, c, c2 + j);
                    r21 = DoubleVector.fromArray(SPECIES, c, c2 + j + LANES);
                    r30 = DoubleVector.fromArray(SPECIES, c, c3 + j);
                    r31 = DoubleVector.fromArray(SPECIES, c, c3 + j + LANES);
                } else {
                    r00 = DoubleVector.zero(SPECIES);
                    r01 = r00;
                    r10 = r00;
                    r11 = r00;
                    r20 = r00;
                    r21 = r00;
                    r30 = r00;
                    r31 = r00;
                }
                for (int p = 0, ai = i * aRowStride, bRow = j; p < k; p++, ai += aColStride, bRow += n) {
                    DoubleVector y0 = DoubleVector.fromArray(SPECIES, b, bRow);
                    DoubleVector y1 = DoubleVector.fromArray(SPECIES, b, bRow + LANES);
                    DoubleVector x = DoubleVector.broadcast(SPECIES, a[ai]);
                    r00 = r00.add(x.mul(y0));
                    r01 = r01.add(x.mul(y1));
                    x = DoubleVector.broadcast(SPECIES, a[ai + aRowStride]);
                    r10 = r10.add(x.mul(y0));
                    r11 = r11.add(x.mul(y1));
                    x = DoubleVector.broadcast(SPECIES, a[ai + 2 * aRowStride]);
                    r20 = r20.add(x.mul(y0));
                    r21 = r21.add(x.mul(y1));
                    x = DoubleVector.broadcast(SPECIES, a[ai + 3 * aRowStride]);
                    r30 = r30.add(x.mul(y0));
                    r31 = r31.add(x.mul(y1));
                }
                r00.intoArray(c, c0 + j);
                r01.intoArray(c, c0 + j + LANES);
                r10.intoArray(c, c1 + j);
                r11.intoArray(c, c1 + j + LANES);
                r20.intoArray(c, c2 + j);
                r21.intoArray(c, c2 + j + LANES);
                r30.intoArray(c, c3 + j);
                r31.intoArray(c, c3 + j + LANES);
            }
            if (n8 < n) {
                ScalarProducts.broadcastBlock(a, aRowStride, aColStride, b, c, i, i + 4, n8, n, n, k, add);
            }
        }
        if (i < rowTo) {
            ScalarProducts.broadcastBlock(a, aRowStride, aColStride, b, c, i, rowTo, 0, n, n, k, add);
        }
    }

    @Override
    public String description() {
        return "rnnlab Vector API product loops (jdk.incubator.vector, 256-bit, no fma)";
    }
}
