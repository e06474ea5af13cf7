package org.rnnlab.kernels;

/**
 * The operands of one broadcast-form product, {@code c (+)= Σ_s op(a_s) b_s}: the inner dimension
 * comes in {@code blocks} blocks of {@code blockK} terms each, block s pairing {@code a[s]} with
 * {@code b[s]}. One block is an ordinary product; many blocks sum the products of several steps
 * (a weight's gradient over a range of steps) in one pass over c, without stacking the steps'
 * matrices first. Element (i, p) of op(a_s) is {@code a[s][aOffset[s] + i·aRowStride + p·aColStride]},
 * so a or its transpose is read in place; row p of b_s starts at {@code b[s][bOffset[s] + p·n]}.
 *
 * <p>A mutable holder, filled by {@link Kernels} and read by a {@link ProductEngine}; each thread
 * that calls {@link Kernels} fills its own, so a product allocates nothing.
 */
final class BroadcastOperands {
    double[][] a = new double[1][];
    int[] aOffset = new int[1];
    int aRowStride;
    int aColStride;
    double[][] b = new double[1][];
    int[] bOffset = new int[1];
    int blocks;
    int blockK;
    double[] c;
    /** Columns of c and of every b_s. */
    int n;
    boolean add;

    /** One block: c (+)= op(a) b with inner dimension k. */
    BroadcastOperands set(double[] a, int aRowStride, int aColStride, double[] b, double[] c, int n, int k,
            boolean add) {
        ensure(1);
        this.a[0] = a;
        this.aOffset[0] = 0;
        this.b[0] = b;
        this.bOffset[0] = 0;
        this.aRowStride = aRowStride;
        this.aColStride = aColStride;
        this.blocks = 1;
        this.blockK = k;
        this.c = c;
        this.n = n;
        this.add = add;
        return this;
    }

    /** Room for at least this many blocks, keeping what is there. */
    void ensure(int count) {
        if (a.length < count) {
            int size = Math.max(count, 2 * a.length);
            a = java.util.Arrays.copyOf(a, size);
            aOffset = java.util.Arrays.copyOf(aOffset, size);
            b = java.util.Arrays.copyOf(b, size);
            bOffset = java.util.Arrays.copyOf(bOffset, size);
        }
    }

    /** Drops the references to the arrays, so that a holder kept by a thread keeps no matrix alive. */
    void release() {
        java.util.Arrays.fill(a, null);
        java.util.Arrays.fill(b, null);
        c = null;
    }
}
