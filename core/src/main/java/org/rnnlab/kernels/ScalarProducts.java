package org.rnnlab.kernels;

import java.util.Arrays;

/**
 * The portable product loops: plain Java, in exactly the order {@link ProductEngine} specifies, so
 * they reproduce {@link VectorProducts} bit for bit wherever the Vector API is missing.
 */
final class ScalarProducts implements ProductEngine {
    static final ScalarProducts INSTANCE = new ScalarProducts();

    /** Column counts up to this take the broadcast form one element at a time. */
    private static final int NARROW = 4;

    private ScalarProducts() {
    }

    /**
     * The dot form's partial sums per element: eight, one 512-bit vector or two 256-bit ones, so that
     * either width of {@link VectorProducts} gives the same bits.
     */
    static final int PARTIALS = 8;

    @Override
    public void dot(double[] a, double[] b, double[] c, int rowFrom, int rowTo, int n, int k, boolean add) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = 0; j < n; j++) {
                int index = i * n + j;
                // For k below 8 the partials are all zero and dotRows is the tail alone: 0 + a0 b0 + ...
                double sum = dotRows(a, i * k, b, j * k, k);
                c[index] = add ? c[index] + sum : sum;
            }
        }
    }

    /**
     * The dot form's sum for one element, rows of a and b starting at aOffset and bOffset: partial l
     * sums p = l, l + 8, l + 16, ... below the largest multiple of 8 not above k, from 0 and p
     * ascending; the partials are combined as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)); then
     * the remaining p are added in ascending order.
     */
    static double dotRows(double[] a, int aOffset, double[] b, int bOffset, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        final int k8 = k - k % PARTIALS;
        for (int p = 0; p < k8; p += PARTIALS) {
            final int x = aOffset + p;
            final int y = bOffset + p;
            s0 = Math.fma(a[x], b[y], s0);
            s1 = Math.fma(a[x + 1], b[y + 1], s1);
            s2 = Math.fma(a[x + 2], b[y + 2], s2);
            s3 = Math.fma(a[x + 3], b[y + 3], s3);
            s4 = Math.fma(a[x + 4], b[y + 4], s4);
            s5 = Math.fma(a[x + 5], b[y + 5], s5);
            s6 = Math.fma(a[x + 6], b[y + 6], s6);
            s7 = Math.fma(a[x + 7], b[y + 7], s7);
        }
        return dotTail(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), a, aOffset, b, bOffset, k8, k);
    }

    /** Adds the products of p in [from, k) to sum, p ascending. */
    static double dotTail(double sum, double[] a, int aOffset, double[] b, int bOffset, int from, int k) {
        for (int p = from; p < k; p++) {
            sum = Math.fma(a[aOffset + p], b[bOffset + p], sum);
        }
        return sum;
    }

    @Override
    public void broadcast(BroadcastOperands o, int rowFrom, int rowTo, int colFrom, int colTo) {
        if (!o.add) {
            zero(o.c, o.n, rowFrom, rowTo, colFrom, colTo);
        }
        broadcastBlock(o, rowFrom, rowTo, colFrom, colTo);
    }

    /** Rows [rowFrom, rowTo), columns [colFrom, colTo) of c [. x n] set to zero. */
    static void zero(double[] c, int n, int rowFrom, int rowTo, int colFrom, int colTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            Arrays.fill(c, i * n + colFrom, i * n + colTo, 0.0);
        }
    }

    /**
     * Adds the broadcast form's terms to rows [rowFrom, rowTo) and columns [colFrom, colTo) of c;
     * each element adds its terms p ascending, whatever the loop order.
     */
    static void broadcastBlock(BroadcastOperands o, int rowFrom, int rowTo, int colFrom, int colTo) {
        final double[] a = o.a;
        final double[] b = o.b;
        final double[] c = o.c;
        final int aRowStride = o.aRowStride;
        final int aColStride = o.aColStride;
        final int n = o.n;
        final int k = o.k;
        if (colTo - colFrom <= NARROW && aRowStride == 1 && aColStride != 1) {
            // A few columns of aᵀ b (an input weight's gradient): p outermost, so that a, stored
            // [k x m], is read along its rows.
            for (int p = 0, aRow = 0, bRow = 0; p < k; p++, aRow += aColStride, bRow += n) {
                for (int i = rowFrom; i < rowTo; i++) {
                    final double x = a[aRow + i];
                    for (int j = colFrom; j < colTo; j++) {
                        c[i * n + j] = Math.fma(x, b[bRow + j], c[i * n + j]);
                    }
                }
            }
            return;
        }
        if (colTo - colFrom <= NARROW) {
            // A few columns (an input of width 2): one running sum per element, with no inner loop
            // too short to pay for itself.
            for (int i = rowFrom; i < rowTo; i++) {
                for (int j = colFrom; j < colTo; j++) {
                    double sum = c[i * n + j];
                    for (int p = 0, ai = i * aRowStride, bi = j; p < k; p++, ai += aColStride, bi += n) {
                        sum = Math.fma(a[ai], b[bi], sum);
                    }
                    c[i * n + j] = sum;
                }
            }
            return;
        }
        for (int i = rowFrom; i < rowTo; i++) {
            final int cRow = i * n;
            for (int p = 0, ai = i * aRowStride, bRow = 0; p < k; p++, ai += aColStride, bRow += n) {
                final double x = a[ai];
                for (int j = colFrom; j < colTo; j++) {
                    c[cRow + j] = Math.fma(x, b[bRow + j], c[cRow + j]);
                }
            }
        }
    }

    @Override
    public void addRowVector(double[] v, double[] c, int rows, int n) {
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                c[base + j] += v[j];
            }
        }
    }

    @Override
    public void addColumnSums(double[] g, double[] v, int rows, int n) {
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                v[j] += g[base + j];
            }
        }
    }

    @Override
    public String description() {
        return "rnnlab scalar Java product loops (jdk.incubator.vector not enabled)";
    }
}
