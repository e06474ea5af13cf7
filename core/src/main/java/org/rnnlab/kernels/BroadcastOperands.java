package org.rnnlab.kernels;

/**
 * The operands of one broadcast-form product, {@code c (+)= op(a) b} with inner dimension k: element
 * (i, p) of op(a) is {@code a[i·aRowStride + p·aColStride]}, so a or its transpose is read in place,
 * and row p of b starts at {@code b[p·n]}.
 *
 * <p>A mutable holder, filled by {@link Kernels} and read by a {@link ProductEngine}, so that a
 * product's operands reach the engine, and a helper thread, without a long parameter list and
 * without allocating: each thread that calls {@link Kernels} fills its own.
 */
final class BroadcastOperands {
    double[] a;
    int aRowStride;
    int aColStride;
    double[] b;
    double[] c;
    /** Columns of c and of b. */
    int n;
    int k;
    boolean add;

    BroadcastOperands set(double[] a, int aRowStride, int aColStride, double[] b, double[] c, int n, int k,
            boolean add) {
        this.a = a;
        this.aRowStride = aRowStride;
        this.aColStride = aColStride;
        this.b = b;
        this.c = c;
        this.n = n;
        this.k = k;
        this.add = add;
        return this;
    }

    /** Drops the references to the arrays, so that a holder kept by a thread keeps no matrix alive. */
    void release() {
        a = null;
        b = null;
        c = null;
    }
}
