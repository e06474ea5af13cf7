package org.rnnlab.kernels;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.spi.Parameter;

/**
 * L2 norms of gradients that neither overflow nor underflow.
 *
 * <p>The plain sum of squares is exact enough and fast, but squares leave the double range when
 * elements pass about 1e154 or fall below about 1e-154: a finite gradient would then read as
 * infinite (and be taken for a divergence), or a vanishing one as exactly zero (and the diagnostics
 * would lose what rnnlab exists to show). So the plain sum is tried first, and only when it is
 * infinite, NaN or below {@link Double#MIN_NORMAL} is the sum taken again over elements divided by
 * the largest magnitude: norm = m sqrt(sum (x / m)^2). The second pass is rare, and its result
 * differs from the first only by rounding.
 *
 * <p>A NaN element gives NaN; otherwise an infinite element gives +Infinity. Both are then the
 * norm a caller sees, as PyTorch's norms give them.
 */
public final class Norms {
    private Norms() {
    }

    /** sqrt(sum over every parameter's gradient of g^2). Gradients Not modified. */
    public static double global(List<Parameter> parameters) {
        double sum = 0;
        for (Parameter p : parameters) {
            sum += Kernels.squaredNorm(p.gradient());
        }
        if (representable(sum)) {
            return Math.sqrt(sum);
        }
        double max = 0;
        for (Parameter p : parameters) {
            max = Math.max(max, maxAbs(p.gradient()));
        }
        if (!(max > 0 && max < Double.POSITIVE_INFINITY)) {
            return max; // 0, +Infinity or NaN: the norm is the same
        }
        double scaled = 0;
        for (Parameter p : parameters) {
            scaled += scaledSquares(p.gradient(), max);
        }
        return max * Math.sqrt(scaled);
    }

    /** sqrt(sum of g^2) of one tensor. Not modified. */
    public static double of(DMatrixRMaj g) {
        double sum = Kernels.squaredNorm(g);
        if (representable(sum)) {
            return Math.sqrt(sum);
        }
        double max = maxAbs(g);
        if (!(max > 0 && max < Double.POSITIVE_INFINITY)) {
            return max;
        }
        return max * Math.sqrt(scaledSquares(g, max));
    }

    /** Whether a plain sum of squares can be trusted: zero only if every element is zero, else normal and finite. */
    private static boolean representable(double sumOfSquares) {
        return sumOfSquares >= Double.MIN_NORMAL && sumOfSquares < Double.POSITIVE_INFINITY;
    }

    /** The largest |x|, or NaN if any element is NaN (Math.max propagates it). */
    private static double maxAbs(DMatrixRMaj g) {
        final double[] d = g.data;
        double max = 0;
        for (int i = 0, n = g.getNumElements(); i < n; i++) {
            max = Math.max(max, Math.abs(d[i]));
        }
        return max;
    }

    /** sum of (x / max)^2; divides rather than multiplying by 1 / max, which overflows for a subnormal max. */
    private static double scaledSquares(DMatrixRMaj g, double max) {
        final double[] d = g.data;
        double sum = 0;
        for (int i = 0, n = g.getNumElements(); i < n; i++) {
            double x = d[i] / max;
            sum += x * x;
        }
        return sum;
    }
}
