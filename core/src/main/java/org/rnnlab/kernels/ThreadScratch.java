package org.rnnlab.kernels;

/**
 * A scratch array per thread that grows to the largest length asked of it and is then reused, so
 * that the loops using it allocate nothing once warm. Each use keeps its own instance: two uses that
 * can be live at once (a rearranged product whose engine packs a slice) must not share one.
 */
final class ThreadScratch {
    private final ThreadLocal<double[][]> holder = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    /** This thread's array, at least {@code length} long; its contents are whatever was left there. */
    double[] atLeast(int length) {
        double[][] h = holder.get();
        if (h[0].length < length) {
            h[0] = new double[Math.max(length, 2 * h[0].length)];
        }
        return h[0];
    }
}
