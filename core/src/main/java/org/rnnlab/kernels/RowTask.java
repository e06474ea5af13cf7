package org.rnnlab.kernels;

/**
 * Work on rows [from, to) of a batch, which {@link Kernels#forRows} may split between two threads.
 * Each row must be computed from its own values alone and written to its own outputs: no sums
 * across rows and no scratch shared between rows, so that a split cannot change a bit. A cell's
 * per-step gate loops are such work.
 */
@FunctionalInterface
public interface RowTask {
    void run(int from, int to);
}
