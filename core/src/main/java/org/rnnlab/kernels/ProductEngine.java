package org.rnnlab.kernels;

/**
 * The two product loops every matrix product of {@link Kernels} reduces to, over row-major arrays,
 * and two row-wise sums (a bias added to every row of a batch, and summed over it).
 * Two implementations exist, {@link ScalarProducts} and {@link VectorProducts}; they add the same
 * products in the same order, so they give bit-identical results and the choice between them changes
 * speed only.
 *
 * <p>Dot form, {@code c[i,j] (+)= sum_p a[i,p] b[j,p]} (c = a bᵀ): eight partial sums, partial l
 * over p = l, l+8, l+16, ... below the largest multiple of 8 not above k, each accumulated from 0
 * with p ascending; then ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)); then the remaining p
 * ascending; then, when adding, {@code c + sum}. Eight, so that one 512-bit vector or two 256-bit
 * ones hold an element's partials: the same bits at either width.
 *
 * <p>Broadcast form, {@code c[i,j] (+)= Σ_p a(i,p) b[p,j]} ({@link BroadcastOperands}): one running
 * sum per element, starting at c (adding) or 0, with p ascending. The order of the terms is the
 * element's alone, so the loops may visit the elements in any order: results do not change.
 *
 * <p>Each term is added with one fused multiply-add ({@code fma(a, b, sum)}, one rounding), as
 * optimized BLAS libraries do: on processors whose multiplies and adds share two ports (Intel's) it
 * is one instruction where mul then add takes two, and it made updates 13 to 18% faster at hidden
 * 128 and 512 (docs/performance.md). Java defines fma's result exactly, so every engine gives the
 * same bits. A processor without FMA (x86 before 2013) would run the plain loops' {@link Math#fma}
 * in software, many times slower.
 */
interface ProductEngine {
    /**
     * Rows [rowFrom, rowTo) of c [m x n] (+)= a [m x k] times the transpose of b [n x k]. Each
     * element's sum is the same whatever rows a call covers, so rows may be split between threads.
     */
    void dot(double[] a, double[] b, double[] c, int rowFrom, int rowTo, int n, int k, boolean add);

    /**
     * Rows [rowFrom, rowTo), columns [colFrom, colTo) of the broadcast-form product {@code o}. As for
     * {@link #dot}, a product may be split between threads by rows or by columns.
     */
    void broadcast(BroadcastOperands o, int rowFrom, int rowTo, int colFrom, int colTo);

    /**
     * c[i, j] += v[j] for the rows of c [rows x n]: a bias added to every row. Each element takes one
     * addition, so every implementation gives the same bits.
     */
    void addRowVector(double[] v, double[] c, int rows, int n);

    /**
     * v[j] += g[i, j] for the rows of g [rows x n], i ascending for each j: a bias's gradient summed
     * over a batch, in the same order by every implementation.
     */
    void addColumnSums(double[] g, double[] v, int rows, int n);

    /** What runs, for the record (the bench's {@code blas} field). */
    String description();
}
