package org.rnnlab.architectures;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.ElementFunctions;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.spi.Activation;

/**
 * Element-wise loops over the gate blocks of the ugrnn and plus_rnn cells, fused so that one pass
 * over a batch does the work of several (the gru has loops of its own, being the only cell with a
 * reset gate). The logistic function is {@link ElementFunctions#sigmoid}, run over a row's block at
 * once so that it takes several values per instruction.
 *
 * <p>Layout: a cell with k gate blocks of width H keeps them side by side in a [batch x k·H] buffer,
 * as its products write them: row b, block j, unit i is element {@code b·k·H + j·H + i}. A block
 * index counts from 0 in that order.
 *
 * <p>Each loop works on rows [from, to) of the batch, each row on its own, so that a cell can share
 * its rows between two threads ({@link Kernels#forRows}).
 */
final class CellLoops {
    private CellLoops() {
    }

    /**
     * act[:, block] = f(pre[:, block]).
     *
     * @param pre pre-activations [batch x k·width]. Not modified.
     * @param act [batch x k·width], only the block written. Modified.
     */
    static void activate(Activation f, DMatrixRMaj pre, DMatrixRMaj act, int block, int width, int from, int to) {
        Kernels.checkSameShape(pre, act);
        for (int row = from, offset = from * pre.numCols + block * width; row < to; row++, offset += pre.numCols) {
            f.apply(pre.data, act.data, offset, width);
        }
    }

    /**
     * d[:, block] *= f'(pre[:, block]): the chain rule through {@link #activate}.
     *
     * @param pre pre-activations. Not modified.
     * @param act f(pre), as {@link #activate} left it. Not modified.
     * @param d in: dL/d act; out: dL/d pre, in that block. Modified.
     */
    static void activateBackward(Activation f, DMatrixRMaj pre, DMatrixRMaj act, DMatrixRMaj d, int block,
            int width, int from, int to) {
        Kernels.checkSameShape(pre, act);
        Kernels.checkSameShape(pre, d);
        for (int row = from, offset = from * pre.numCols + block * width; row < to; row++, offset += pre.numCols) {
            f.backward(pre.data, act.data, d.data, d.data, offset, width);
        }
    }

    /**
     * act[:, block] = σ(pre[:, block] + offset): a gate, with a constant added to its pre-activation
     * (the ugrnn's and plus_rnn's gate bias).
     */
    static void gate(DMatrixRMaj pre, double offset, DMatrixRMaj act, int block, int width, int from, int to) {
        Kernels.checkSameShape(pre, act);
        final double[] p = pre.data;
        final double[] a = act.data;
        for (int row = from, base = from * pre.numCols + block * width; row < to; row++, base += pre.numCols) {
            for (int i = base, end = base + width; i < end; i++) {
                a[i] = p[i] + offset;
            }
            ElementFunctions.sigmoid(a, a, base, width);
        }
    }

    /**
     * A coupled gate: out = g c + (1 - g) a, computed as a + g (c - a), with the candidate a and the
     * gate g read from blocks of {@code act} and c carried past the cell (the previous state, or the
     * input on a plus_rnn's way through depth).
     *
     * @param act [batch x k·H] holding a and g. Not modified.
     * @param carried c [batch x H]. Not modified.
     * @param out [batch x H]. Modified (overwritten).
     */
    static void couple(DMatrixRMaj act, int candidate, int gate, DMatrixRMaj carried, DMatrixRMaj out, int from,
            int to) {
        checkBlocks(act, carried, out);
        final double[] s = act.data;
        final double[] c = carried.data;
        final double[] o = out.data;
        final int width = out.numCols;
        for (int row = from, k = from * width; row < to; row++) {
            int aBase = row * act.numCols + candidate * width;
            int gBase = row * act.numCols + gate * width;
            for (int i = 0; i < width; i++, k++) {
                double a = s[aBase + i];
                o[k] = a + s[gBase + i] * (c[k] - a);
            }
        }
    }

    /**
     * Back through {@link #couple} and the gate's sigmoid, with dL/d out the sum of {@code dOut} and
     * {@code dOutToo}: d[:, candidate] = dL/d out (1 - g), d[:, gate] = dL/d out (c - a) g (1 - g),
     * the gradient of the gate's pre-activation, and dCarried = dL/d out g.
     *
     * @param dOut dL/d out by one path. Not modified.
     * @param dOutToo dL/d out by another path (a cell whose output is its state gets both), or null. Not modified.
     * @param act as {@link #couple} read it. Not modified.
     * @param carried as {@link #couple} read it. Not modified.
     * @param d [batch x k·H]; the candidate's and the gate's blocks. Modified (overwritten).
     * @param dCarried [batch x H]. Modified (overwritten).
     */
    static void coupleBackward(DMatrixRMaj dOut, DMatrixRMaj dOutToo, DMatrixRMaj act, int candidate, int gate,
            DMatrixRMaj carried, DMatrixRMaj d, DMatrixRMaj dCarried, int from, int to) {
        checkBlocks(act, carried, dOut);
        Kernels.checkSameShape(act, d);
        Kernels.checkSameShape(dOut, dCarried);
        if (dOutToo != null) {
            Kernels.checkSameShape(dOut, dOutToo);
        }
        final double[] s = act.data;
        final double[] c = carried.data;
        final double[] g1 = dOut.data;
        final double[] g2 = dOutToo == null ? null : dOutToo.data;
        final double[] dd = d.data;
        final double[] dc = dCarried.data;
        final int width = dOut.numCols;
        for (int row = from, k = from * width; row < to; row++) {
            int aBase = row * act.numCols + candidate * width;
            int gBase = row * act.numCols + gate * width;
            for (int i = 0; i < width; i++, k++) {
                double grad = g2 == null ? g1[k] : g1[k] + g2[k];
                double a = s[aBase + i];
                double g = s[gBase + i];
                dd[aBase + i] = grad * (1 - g);
                dd[gBase + i] = grad * (c[k] - a) * g * (1 - g);
                dc[k] = grad * g;
            }
        }
    }

    /**
     * Copies a block of columns: dst[dstRow + r, dstCol + j] = src[srcRow + r, srcCol + j] for r in
     * [0, rows), j in [0, cols). A plus_rnn keeps its gate blocks and its carried input side by side
     * in one row of its projections, while its products need each as a matrix of its own.
     */
    static void copyBlock(DMatrixRMaj src, int srcRow, int srcCol, DMatrixRMaj dst, int dstRow, int dstCol,
            int rows, int cols) {
        if (rows < 0 || cols < 0 || srcRow < 0 || srcCol < 0 || dstRow < 0 || dstCol < 0
                || srcRow + rows > src.numRows || srcCol + cols > src.numCols
                || dstRow + rows > dst.numRows || dstCol + cols > dst.numCols) {
            throw new IllegalArgumentException("Block of " + rows + "x" + cols + " out of range: from (" + srcRow + ", "
                    + srcCol + ") of " + src.numRows + "x" + src.numCols + " to (" + dstRow + ", " + dstCol + ") of "
                    + dst.numRows + "x" + dst.numCols);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src.data, (srcRow + r) * src.numCols + srcCol, dst.data,
                    (dstRow + r) * dst.numCols + dstCol, cols);
        }
    }

    /** Checks that {@code act} has the rows of {@code carried} and whole blocks of its width, and {@code other} its shape. */
    private static void checkBlocks(DMatrixRMaj act, DMatrixRMaj carried, DMatrixRMaj other) {
        Kernels.checkSameShape(carried, other);
        if (act.numRows != carried.numRows || act.numCols % carried.numCols != 0) {
            throw new IllegalArgumentException("Gate blocks must be rows x k·width of " + carried.numRows + "x"
                    + carried.numCols + ", found " + act.numRows + "x" + act.numCols);
        }
    }
}
