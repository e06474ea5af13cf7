package org.rnnlab.diagnostics;

import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Numerical derivatives for gradient checks, shared by the contract test kit and
 * {@code rnnlab gradcheck}.
 *
 * <p>Each derivative is the five-point central stencil (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h
 * with h = {@value #STEP}: its truncation error is O(h⁴) ≈ 1e-16 and its rounding error about 1e-12
 * for a loss of order one, so a correct gradient meets a relative tolerance of 1e-6 with room to
 * spare and a wrong one misses it.
 */
public final class CentralDifferences {
    /** The step h. */
    public static final double STEP = 1e-4;

    private CentralDifferences() {
    }

    /**
     * The numerical derivative of {@code loss} in element k of x.
     *
     * @param x the variable. Modified during the call, restored before it returns.
     */
    public static double derivative(DMatrixRMaj x, int k, DoubleSupplier loss) {
        double saved = x.data[k];
        try {
            x.data[k] = saved + 2 * STEP;
            double f2 = loss.getAsDouble();
            x.data[k] = saved + STEP;
            double f1 = loss.getAsDouble();
            x.data[k] = saved - STEP;
            double m1 = loss.getAsDouble();
            x.data[k] = saved - 2 * STEP;
            double m2 = loss.getAsDouble();
            return (-f2 + 8 * f1 - 8 * m1 + m2) / (12 * STEP);
        } finally {
            x.data[k] = saved;
        }
    }

    /**
     * |a - n| / max(|a|, |n|, 1e-4): relative where the gradient is large enough for relative error to
     * mean something, absolute (1e-4 times the tolerance) near zero, where rounding dominates.
     */
    public static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(1e-4, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }
}
