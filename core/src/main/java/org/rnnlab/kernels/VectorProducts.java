package org.rnnlab.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The product loops on the Vector API (jdk.incubator.vector), register-tiled. Loaded only when the
 * JVM runs with {@code --add-modules jdk.incubator.vector}; see {@link Kernels#productPath()}.
 *
 * <p>One width for every loop, {@link VectorWidth}'s: 512 bits where the processor prefers them,
 * else 256. None of the results depends on it.
 *
 * <p>Dot form: each element's eight partial sums along k ({@link ProductEngine}) in one 512-bit
 * vector, in tiles of 2 x 4 elements, or in two 256-bit vectors, in tiles of 2 x 2.
 *
 * <p>Broadcast form: tiles of 16 columns and 8 rows (512 bits) or 4 rows (256), each element one
 * running sum held in a register over the whole inner dimension; a slice of a large b that several
 * tiles read is packed into contiguous memory first. Each term is one lane-wise fma, as
 * {@link ScalarProducts} takes one {@link Math#fma}: the same bits.
 */
final class VectorProducts implements ProductEngine {
    private static final VectorSpecies<Double> S256 = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Double> S512 = DoubleVector.SPECIES_512;
    /** The dot form's partial sums per element: {@link ScalarProducts#PARTIALS}. */
    private static final int PARTIALS = ScalarProducts.PARTIALS;
    /** Columns of a broadcast-form tile, at either width. */
    static final int TILE_COLUMNS = 16;
    /**
     * Size of b, in doubles, from which a slice read by several tiles is packed first: 128K doubles
     * (1 MB, the level-2 cache of one core). A smaller b stays in cache, where reading it in place
     * costs nothing and the copy would.
     */
    private static final long PACK_MIN_B = 128L << 10;
    /** Each thread's block for a packed slice of b. */
    private static final ThreadScratch PACKED = new ThreadScratch();
    /**
     * Steps of the inner dimension a batch-times-weight product takes at a time: the rows of a it
     * reads then (32 x 128 doubles, 32 KB) stay in the level-1 cache for every slice of b, where
     * with all 512 or 2048 at once they came from level 2. 16 to 20% faster at the hidden-512 shapes
     * (JMH, JDK 17: mult 32x512x512 469/478 -> 384/400 us, 32x2048x512 2122/2029 -> 1607/1677);
     * 64, 96 and 256 were slower. Each element still adds its terms p ascending: the same bits.
     */
    private static final int KC = 128;

    /** Each thread's block for the partial sums of a dot-form tile. */
    private static final ThreadScratch PARTIAL_SUMS = new ThreadScratch();

    /** Whether the loops run on 512-bit vectors. */
    private final boolean wide;

    VectorProducts() {
        this(VectorWidth.wide(DoubleVector.SPECIES_PREFERRED.length()));
    }

    /** @param wide whether the loops use 512-bit vectors (tests compare both widths) */
    VectorProducts(boolean wide) {
        this.wide = wide;
    }

    @Override
    public void dot(double[] a, double[] b, double[] c, int rowFrom, int rowTo, int n, int k, boolean add) {
        if (k < PARTIALS) {
            // No partial sums, only the tail: the plain loops.
            ScalarProducts.INSTANCE.dot(a, b, c, rowFrom, rowTo, n, k, add);
        } else if (wide) {
            dot512(a, b, c, rowFrom, rowTo, n, k, add);
        } else {
            dot256(a, b, c, rowFrom, rowTo, n, k, add);
        }
    }

    /** The dot form in tiles of 2 x 4 elements, each element's eight partial sums in one 512-bit vector. */
    private static void dot512(double[] a, double[] b, double[] c, int rowFrom, int rowTo, int n, int k, boolean add) {
        final int k8 = k - k % PARTIALS;
        final double[] partials = PARTIAL_SUMS.atLeast(8 * PARTIALS);
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
                DoubleVector s00 = DoubleVector.zero(S512);
                DoubleVector s01 = s00;
                DoubleVector s02 = s00;
                DoubleVector s03 = s00;
                DoubleVector s10 = s00;
                DoubleVector s11 = s00;
                DoubleVector s12 = s00;
                DoubleVector s13 = s00;
                for (int p = 0; p < k8; p += PARTIALS) {
                    DoubleVector x0 = DoubleVector.fromArray(S512, a, a0 + p);
                    DoubleVector x1 = DoubleVector.fromArray(S512, a, a1 + p);
                    DoubleVector y = DoubleVector.fromArray(S512, b, b0 + p);
                    s00 = x0.fma(y, s00);
                    s10 = x1.fma(y, s10);
                    y = DoubleVector.fromArray(S512, b, b1 + p);
                    s01 = x0.fma(y, s01);
                    s11 = x1.fma(y, s11);
                    y = DoubleVector.fromArray(S512, b, b2 + p);
                    s02 = x0.fma(y, s02);
                    s12 = x1.fma(y, s12);
                    y = DoubleVector.fromArray(S512, b, b3 + p);
                    s03 = x0.fma(y, s03);
                    s13 = x1.fma(y, s13);
                }
                // Through memory: one store and eight loads per element cost less than eight lane
                // extractions from a 512-bit register.
                s00.intoArray(partials, 0);
                s01.intoArray(partials, 8);
                s02.intoArray(partials, 16);
                s03.intoArray(partials, 24);
                s10.intoArray(partials, 32);
                s11.intoArray(partials, 40);
                s12.intoArray(partials, 48);
                s13.intoArray(partials, 56);
                store(c, c0 + j, finish(partials, 0, a, a0, b, b0, k8, k), add);
                store(c, c0 + j + 1, finish(partials, 8, a, a0, b, b1, k8, k), add);
                store(c, c0 + j + 2, finish(partials, 16, a, a0, b, b2, k8, k), add);
                store(c, c0 + j + 3, finish(partials, 24, a, a0, b, b3, k8, k), add);
                store(c, c1 + j, finish(partials, 32, a, a1, b, b0, k8, k), add);
                store(c, c1 + j + 1, finish(partials, 40, a, a1, b, b1, k8, k), add);
                store(c, c1 + j + 2, finish(partials, 48, a, a1, b, b2, k8, k), add);
                store(c, c1 + j + 3, finish(partials, 56, a, a1, b, b3, k8, k), add);
            }
            dotColumnsLeft(a, b, c, i, i + 2, j, n, k, add);
        }
        dotColumnsLeft(a, b, c, i, rowTo, 0, n, k, add);
    }

    /**
     * The dot form in tiles of 2 x 2 elements, each element's eight partial sums in two 256-bit
     * vectors (partials 0 to 3, then 4 to 7): the same sums as {@link #dot512}, in half the
     * elements per tile so that the sixteen registers of AVX2 hold them.
     */
    private static void dot256(double[] a, double[] b, double[] c, int rowFrom, int rowTo, int n, int k, boolean add) {
        final int k8 = k - k % PARTIALS;
        int i = rowFrom;
        for (; i + 2 <= rowTo; i += 2) {
            final int a0 = i * k;
            final int a1 = a0 + k;
            final int c0 = i * n;
            final int c1 = c0 + n;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                final int b0 = j * k;
                final int b1 = b0 + k;
                DoubleVector s00 = DoubleVector.zero(S256);
                DoubleVector t00 = s00;
                DoubleVector s01 = s00;
                DoubleVector t01 = s00;
                DoubleVector s10 = s00;
                DoubleVector t10 = s00;
                DoubleVector s11 = s00;
                DoubleVector t11 = s00;
                for (int p = 0; p < k8; p += PARTIALS) {
                    DoubleVector x0 = DoubleVector.fromArray(S256, a, a0 + p);
                    DoubleVector u0 = DoubleVector.fromArray(S256, a, a0 + p + 4);
                    DoubleVector x1 = DoubleVector.fromArray(S256, a, a1 + p);
                    DoubleVector u1 = DoubleVector.fromArray(S256, a, a1 + p + 4);
                    DoubleVector y = DoubleVector.fromArray(S256, b, b0 + p);
                    DoubleVector z = DoubleVector.fromArray(S256, b, b0 + p + 4);
                    s00 = x0.fma(y, s00);
                    t00 = u0.fma(z, t00);
                    s10 = x1.fma(y, s10);
                    t10 = u1.fma(z, t10);
                    y = DoubleVector.fromArray(S256, b, b1 + p);
                    z = DoubleVector.fromArray(S256, b, b1 + p + 4);
                    s01 = x0.fma(y, s01);
                    t01 = u0.fma(z, t01);
                    s11 = x1.fma(y, s11);
                    t11 = u1.fma(z, t11);
                }
                store(c, c0 + j, finish(s00, t00, a, a0, b, b0, k8, k), add);
                store(c, c0 + j + 1, finish(s01, t01, a, a0, b, b1, k8, k), add);
                store(c, c1 + j, finish(s10, t10, a, a1, b, b0, k8, k), add);
                store(c, c1 + j + 1, finish(s11, t11, a, a1, b, b1, k8, k), add);
            }
            dotColumnsLeft(a, b, c, i, i + 2, j, n, k, add);
        }
        dotColumnsLeft(a, b, c, i, rowTo, 0, n, k, add);
    }

    /** Rows [rowFrom, rowTo), columns [colFrom, n) of the dot form, one element at a time. */
    private static void dotColumnsLeft(double[] a, double[] b, double[] c, int rowFrom, int rowTo, int colFrom, int n,
            int k, boolean add) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = colFrom; j < n; j++) {
                store(c, i * n + j, ScalarProducts.dotRows(a, i * k, b, j * k, k), add);
            }
        }
    }

    /** The eight partial sums at p[from] combined as {@link ScalarProducts#dotRows} does, then the tail. */
    private static double finish(double[] p, int from, double[] a, int aOffset, double[] b, int bOffset, int k8,
            int k) {
        double sum = ((p[from] + p[from + 1]) + (p[from + 2] + p[from + 3]))
                + ((p[from + 4] + p[from + 5]) + (p[from + 6] + p[from + 7]));
        return ScalarProducts.dotTail(sum, a, aOffset, b, bOffset, k8, k);
    }

    /** The same for partial sums 0 to 3 in s and 4 to 7 in t. */
    private static double finish(DoubleVector s, DoubleVector t, double[] a, int aOffset, double[] b, int bOffset,
            int k8, int k) {
        double sum = ((s.lane(0) + s.lane(1)) + (s.lane(2) + s.lane(3)))
                + ((t.lane(0) + t.lane(1)) + (t.lane(2) + t.lane(3)));
        return ScalarProducts.dotTail(sum, a, aOffset, b, bOffset, k8, k);
    }

    private static void store(double[] c, int index, double sum, boolean add) {
        c[index] = add ? c[index] + sum : sum;
    }

    /**
     * Copies k rows of 16 columns of b, the first at b[from] and the next n apart, into packed: by
     * vectors, which took 5% less of a product at the hidden-512 shapes than System.arraycopy of 16
     * doubles per row.
     */
    private void packSlice(double[] b, int from, int n, int k, double[] packed) {
        if (wide) {
            for (int p = 0, row = from, to = 0; p < k; p++, row += n, to += TILE_COLUMNS) {
                DoubleVector.fromArray(S512, b, row).intoArray(packed, to);
                DoubleVector.fromArray(S512, b, row + 8).intoArray(packed, to + 8);
            }
        } else {
            for (int p = 0, row = from, to = 0; p < k; p++, row += n, to += TILE_COLUMNS) {
                DoubleVector.fromArray(S256, b, row).intoArray(packed, to);
                DoubleVector.fromArray(S256, b, row + 4).intoArray(packed, to + 4);
                DoubleVector.fromArray(S256, b, row + 8).intoArray(packed, to + 8);
                DoubleVector.fromArray(S256, b, row + 12).intoArray(packed, to + 12);
            }
        }
    }

    @Override
    public void broadcast(BroadcastOperands o, int rowFrom, int rowTo, int colFrom, int colTo) {
        if (!o.add) {
            // Zeroed first, so that every tile starts from c: one kind of tile, and no branch between
            // vector values (across which JDK 17's compiler boxes them).
            ScalarProducts.zero(o.c, o.n, rowFrom, rowTo, colFrom, colTo);
        }
        final int rows = wide ? 8 : 4;
        final int rowEnd = rowFrom + (rowTo - rowFrom) / rows * rows;
        final int colEnd = colFrom + (colTo - colFrom) / TILE_COLUMNS * TILE_COLUMNS;
        // Stream the larger operand once and re-read the smaller from cache: columns outermost when
        // c has no more rows than b (a batch times a weight: each 16-column slice of the weight is
        // read once, from memory, and then from cache for every tile of rows), rows outermost
        // otherwise (a weight's gradient, over a batch of 32: c is then walked row after row, not
        // down its columns a page per row; 10 to 15% faster for a 512 x 512 gradient).
        if (rowTo - rowFrom <= o.k) {
            // KC steps of p at a time, each block of p over every slice of columns. A slice of b is
            // read once per tile of rows. Rows of b lie n doubles apart, so a long slice touches a new
            // page at every row; when several tiles read it, it is first copied into a contiguous
            // block (the same values: the sums do not change).
            final int k = o.k;
            final int n = o.n;
            final boolean pack = (long) k * n >= PACK_MIN_B && rowTo - rowFrom >= 2;
            final double[] packed = pack ? PACKED.atLeast(Math.min(k, KC) * TILE_COLUMNS) : null;
            for (int pFrom = 0; pFrom < k; pFrom += KC) {
                final int kc = Math.min(KC, k - pFrom);
                for (int j = colFrom; j < colEnd; j += TILE_COLUMNS) {
                    double[] b = o.b;
                    int bFirst = pFrom * n + j;
                    int bStride = n;
                    if (pack) {
                        packSlice(o.b, bFirst, n, kc, packed);
                        b = packed;
                        bFirst = 0;
                        bStride = TILE_COLUMNS;
                    }
                    for (int i = rowFrom; i < rowEnd; i += rows) {
                        tile(o, i, j, pFrom, kc, b, bFirst, bStride);
                    }
                    for (int i = rowEnd; i < rowTo; i++) {
                        row(o, i, j, pFrom, kc, b, bFirst, bStride);
                    }
                }
            }
        } else {
            for (int i = rowFrom; i < rowEnd; i += rows) {
                for (int j = colFrom; j < colEnd; j += TILE_COLUMNS) {
                    tile(o, i, j, 0, o.k, o.b, j, o.n);
                }
            }
            for (int j = colFrom; j < colEnd; j += TILE_COLUMNS) {
                for (int i = rowEnd; i < rowTo; i++) {
                    row(o, i, j, 0, o.k, o.b, j, o.n);
                }
            }
        }
        if (colEnd < colTo) {
            ScalarProducts.broadcastBlock(o, rowFrom, rowTo, colEnd, colTo);
        }
    }

    /**
     * Adds the terms p in [pFrom, pFrom + kc) to the tile of c at row i, column j, with row pFrom of b
     * at {@code b[bFirst]} and the next ones bStride apart.
     */
    private void tile(BroadcastOperands o, int i, int j, int pFrom, int kc, double[] b, int bFirst, int bStride) {
        final int aFirst = i * o.aRowStride + pFrom * o.aColStride;
        if (wide) {
            tile512(o, i, j, aFirst, kc, b, bFirst, bStride);
        } else {
            tile256(o, i, j, aFirst, kc, b, bFirst, bStride);
        }
    }

    /** One row of c, as {@link #tile}. */
    private void row(BroadcastOperands o, int i, int j, int pFrom, int kc, double[] b, int bFirst, int bStride) {
        final int aFirst = i * o.aRowStride + pFrom * o.aColStride;
        if (wide) {
            row512(o, i, j, aFirst, kc, b, bFirst, bStride);
        } else {
            row256(o, i, j, aFirst, kc, b, bFirst, bStride);
        }
    }

    /** One row x 16 columns of c: the rows left below a whole tile of rows. */
    private static void row256(BroadcastOperands o, int i, int j, int aFirst, int kc, double[] b, int bFirst,
            int bStride) {
        final double[] a = o.a;
        final double[] c = o.c;
        final int n = o.n;
        final int cs = o.aColStride;
        final int c0 = i * n + j;
        DoubleVector r0 = DoubleVector.fromArray(S256, c, c0);
        DoubleVector r1 = DoubleVector.fromArray(S256, c, c0 + 4);
        DoubleVector r2 = DoubleVector.fromArray(S256, c, c0 + 8);
        DoubleVector r3 = DoubleVector.fromArray(S256, c, c0 + 12);
        for (int p = 0, ai = aFirst, br = bFirst; p < kc; p++, ai += cs, br += bStride) {
            DoubleVector x = DoubleVector.broadcast(S256, a[ai]);
            r0 = x.fma(DoubleVector.fromArray(S256, b, br), r0);
            r1 = x.fma(DoubleVector.fromArray(S256, b, br + 4), r1);
            r2 = x.fma(DoubleVector.fromArray(S256, b, br + 8), r2);
            r3 = x.fma(DoubleVector.fromArray(S256, b, br + 12), r3);
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c0 + 4);
        r2.intoArray(c, c0 + 8);
        r3.intoArray(c, c0 + 12);
    }

    /** One row x 16 columns of c: the rows left below a whole tile of rows. */
    private static void row512(BroadcastOperands o, int i, int j, int aFirst, int kc, double[] b, int bFirst,
            int bStride) {
        final double[] a = o.a;
        final double[] c = o.c;
        final int n = o.n;
        final int cs = o.aColStride;
        final int c0 = i * n + j;
        DoubleVector r0 = DoubleVector.fromArray(S512, c, c0);
        DoubleVector r1 = DoubleVector.fromArray(S512, c, c0 + 8);
        for (int p = 0, ai = aFirst, br = bFirst; p < kc; p++, ai += cs, br += bStride) {
            DoubleVector x = DoubleVector.broadcast(S512, a[ai]);
            r0 = x.fma(DoubleVector.fromArray(S512, b, br), r0);
            r1 = x.fma(DoubleVector.fromArray(S512, b, br + 8), r1);
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c0 + 8);
    }

    /** One tile of 4 rows x 16 columns of c, its sums kept in registers over the whole inner dimension. */
    private static void tile256(BroadcastOperands o, int i, int j, int aFirst, int kc, double[] b, int bFirst,
            int bStride) {
        final double[] a = o.a;
        final double[] c = o.c;
        final int n = o.n;
        final int rs = o.aRowStride;
        final int cs = o.aColStride;
        final int c0 = i * n + j;
        DoubleVector r00 = DoubleVector.fromArray(S256, c, c0);
        DoubleVector r01 = DoubleVector.fromArray(S256, c, c0 + 4);
        DoubleVector r02 = DoubleVector.fromArray(S256, c, c0 + 8);
        DoubleVector r03 = DoubleVector.fromArray(S256, c, c0 + 12);
        DoubleVector r10 = DoubleVector.fromArray(S256, c, c0 + n);
        DoubleVector r11 = DoubleVector.fromArray(S256, c, c0 + n + 4);
        DoubleVector r12 = DoubleVector.fromArray(S256, c, c0 + n + 8);
        DoubleVector r13 = DoubleVector.fromArray(S256, c, c0 + n + 12);
        DoubleVector r20 = DoubleVector.fromArray(S256, c, c0 + 2 * n);
        DoubleVector r21 = DoubleVector.fromArray(S256, c, c0 + 2 * n + 4);
        DoubleVector r22 = DoubleVector.fromArray(S256, c, c0 + 2 * n + 8);
        DoubleVector r23 = DoubleVector.fromArray(S256, c, c0 + 2 * n + 12);
        DoubleVector r30 = DoubleVector.fromArray(S256, c, c0 + 3 * n);
        DoubleVector r31 = DoubleVector.fromArray(S256, c, c0 + 3 * n + 4);
        DoubleVector r32 = DoubleVector.fromArray(S256, c, c0 + 3 * n + 8);
        DoubleVector r33 = DoubleVector.fromArray(S256, c, c0 + 3 * n + 12);
        for (int p = 0, ai = aFirst, br = bFirst; p < kc; p++, ai += cs, br += bStride) {
            DoubleVector y0 = DoubleVector.fromArray(S256, b, br);
            DoubleVector y1 = DoubleVector.fromArray(S256, b, br + 4);
            DoubleVector y2 = DoubleVector.fromArray(S256, b, br + 8);
            DoubleVector y3 = DoubleVector.fromArray(S256, b, br + 12);
            DoubleVector x;
            x = DoubleVector.broadcast(S256, a[ai]);
            r00 = x.fma(y0, r00);
            r01 = x.fma(y1, r01);
            r02 = x.fma(y2, r02);
            r03 = x.fma(y3, r03);
            x = DoubleVector.broadcast(S256, a[ai + rs]);
            r10 = x.fma(y0, r10);
            r11 = x.fma(y1, r11);
            r12 = x.fma(y2, r12);
            r13 = x.fma(y3, r13);
            x = DoubleVector.broadcast(S256, a[ai + 2 * rs]);
            r20 = x.fma(y0, r20);
            r21 = x.fma(y1, r21);
            r22 = x.fma(y2, r22);
            r23 = x.fma(y3, r23);
            x = DoubleVector.broadcast(S256, a[ai + 3 * rs]);
            r30 = x.fma(y0, r30);
            r31 = x.fma(y1, r31);
            r32 = x.fma(y2, r32);
            r33 = x.fma(y3, r33);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + 4);
        r02.intoArray(c, c0 + 8);
        r03.intoArray(c, c0 + 12);
        r10.intoArray(c, c0 + n);
        r11.intoArray(c, c0 + n + 4);
        r12.intoArray(c, c0 + n + 8);
        r13.intoArray(c, c0 + n + 12);
        r20.intoArray(c, c0 + 2 * n);
        r21.intoArray(c, c0 + 2 * n + 4);
        r22.intoArray(c, c0 + 2 * n + 8);
        r23.intoArray(c, c0 + 2 * n + 12);
        r30.intoArray(c, c0 + 3 * n);
        r31.intoArray(c, c0 + 3 * n + 4);
        r32.intoArray(c, c0 + 3 * n + 8);
        r33.intoArray(c, c0 + 3 * n + 12);
    }

    /** One tile of 8 rows x 16 columns of c, its sums kept in registers over the whole inner dimension. */
    private static void tile512(BroadcastOperands o, int i, int j, int aFirst, int kc, double[] b, int bFirst,
            int bStride) {
        final double[] a = o.a;
        final double[] c = o.c;
        final int n = o.n;
        final int rs = o.aRowStride;
        final int cs = o.aColStride;
        final int c0 = i * n + j;
        DoubleVector r00 = DoubleVector.fromArray(S512, c, c0);
        DoubleVector r01 = DoubleVector.fromArray(S512, c, c0 + 8);
        DoubleVector r10 = DoubleVector.fromArray(S512, c, c0 + n);
        DoubleVector r11 = DoubleVector.fromArray(S512, c, c0 + n + 8);
        DoubleVector r20 = DoubleVector.fromArray(S512, c, c0 + 2 * n);
        DoubleVector r21 = DoubleVector.fromArray(S512, c, c0 + 2 * n + 8);
        DoubleVector r30 = DoubleVector.fromArray(S512, c, c0 + 3 * n);
        DoubleVector r31 = DoubleVector.fromArray(S512, c, c0 + 3 * n + 8);
        DoubleVector r40 = DoubleVector.fromArray(S512, c, c0 + 4 * n);
        DoubleVector r41 = DoubleVector.fromArray(S512, c, c0 + 4 * n + 8);
        DoubleVector r50 = DoubleVector.fromArray(S512, c, c0 + 5 * n);
        DoubleVector r51 = DoubleVector.fromArray(S512, c, c0 + 5 * n + 8);
        DoubleVector r60 = DoubleVector.fromArray(S512, c, c0 + 6 * n);
        DoubleVector r61 = DoubleVector.fromArray(S512, c, c0 + 6 * n + 8);
        DoubleVector r70 = DoubleVector.fromArray(S512, c, c0 + 7 * n);
        DoubleVector r71 = DoubleVector.fromArray(S512, c, c0 + 7 * n + 8);
        for (int p = 0, ai = aFirst, br = bFirst; p < kc; p++, ai += cs, br += bStride) {
            DoubleVector y0 = DoubleVector.fromArray(S512, b, br);
            DoubleVector y1 = DoubleVector.fromArray(S512, b, br + 8);
            DoubleVector x;
            x = DoubleVector.broadcast(S512, a[ai]);
            r00 = x.fma(y0, r00);
            r01 = x.fma(y1, r01);
            x = DoubleVector.broadcast(S512, a[ai + rs]);
            r10 = x.fma(y0, r10);
            r11 = x.fma(y1, r11);
            x = DoubleVector.broadcast(S512, a[ai + 2 * rs]);
            r20 = x.fma(y0, r20);
            r21 = x.fma(y1, r21);
            x = DoubleVector.broadcast(S512, a[ai + 3 * rs]);
            r30 = x.fma(y0, r30);
            r31 = x.fma(y1, r31);
            x = DoubleVector.broadcast(S512, a[ai + 4 * rs]);
            r40 = x.fma(y0, r40);
            r41 = x.fma(y1, r41);
            x = DoubleVector.broadcast(S512, a[ai + 5 * rs]);
            r50 = x.fma(y0, r50);
            r51 = x.fma(y1, r51);
            x = DoubleVector.broadcast(S512, a[ai + 6 * rs]);
            r60 = x.fma(y0, r60);
            r61 = x.fma(y1, r61);
            x = DoubleVector.broadcast(S512, a[ai + 7 * rs]);
            r70 = x.fma(y0, r70);
            r71 = x.fma(y1, r71);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + 8);
        r10.intoArray(c, c0 + n);
        r11.intoArray(c, c0 + n + 8);
        r20.intoArray(c, c0 + 2 * n);
        r21.intoArray(c, c0 + 2 * n + 8);
        r30.intoArray(c, c0 + 3 * n);
        r31.intoArray(c, c0 + 3 * n + 8);
        r40.intoArray(c, c0 + 4 * n);
        r41.intoArray(c, c0 + 4 * n + 8);
        r50.intoArray(c, c0 + 5 * n);
        r51.intoArray(c, c0 + 5 * n + 8);
        r60.intoArray(c, c0 + 6 * n);
        r61.intoArray(c, c0 + 6 * n + 8);
        r70.intoArray(c, c0 + 7 * n);
        r71.intoArray(c, c0 + 7 * n + 8);
    }

    // The bias rows: one method per width, each naming its species as a constant, which the Vector
    // API's intrinsics need (a species passed as an argument leaves them uncompiled unless inlined).

    @Override
    public void addRowVector(double[] v, double[] c, int rows, int n) {
        // Row by row, so that c (often thousands of stacked rows) streams through once; v stays in
        // the level-1 cache.
        final int whole;
        if (wide) {
            whole = n - n % 8;
            for (int i = 0, base = 0; i < rows; i++, base += n) {
                for (int j = 0; j < whole; j += 8) {
                    DoubleVector.fromArray(S512, c, base + j).add(DoubleVector.fromArray(S512, v, j))
                            .intoArray(c, base + j);
                }
            }
        } else {
            whole = n - n % 4;
            for (int i = 0, base = 0; i < rows; i++, base += n) {
                for (int j = 0; j < whole; j += 4) {
                    DoubleVector.fromArray(S256, c, base + j).add(DoubleVector.fromArray(S256, v, j))
                            .intoArray(c, base + j);
                }
            }
        }
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = whole; j < n; j++) {
                c[base + j] += v[j];
            }
        }
    }

    @Override
    public void addColumnSums(double[] g, double[] v, int rows, int n) {
        // Row by row, as addRowVector: each v[j] still adds the rows in ascending order (the columns
        // left below a whole vector are summed after the others, each in the same order).
        final int whole;
        if (wide) {
            whole = n - n % 8;
            for (int i = 0, base = 0; i < rows; i++, base += n) {
                for (int j = 0; j < whole; j += 8) {
                    DoubleVector.fromArray(S512, v, j).add(DoubleVector.fromArray(S512, g, base + j)).intoArray(v, j);
                }
            }
        } else {
            whole = n - n % 4;
            for (int i = 0, base = 0; i < rows; i++, base += n) {
                for (int j = 0; j < whole; j += 4) {
                    DoubleVector.fromArray(S256, v, j).add(DoubleVector.fromArray(S256, g, base + j)).intoArray(v, j);
                }
            }
        }
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = whole; j < n; j++) {
                v[j] += g[base + j];
            }
        }
    }

    @Override
    public String description() {
        return "rnnlab Vector API product loops (jdk.incubator.vector, " + (wide ? "512" : "256") + "-bit, fma)";
    }
}
