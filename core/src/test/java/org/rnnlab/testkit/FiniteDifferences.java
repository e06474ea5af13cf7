package org.rnnlab.testkit;

import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Central-difference gradient checks, shared by the contract tests and the engine's tests.
 *
 * <p>Each derivative is the five-point stencil (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h with
 * h = 1e-4: its truncation error is O(h⁴) ≈ 1e-16 and its rounding error about 1e-12 for a loss of
 * order one, so a tolerance of 1e-6 in relative error is met with room to spare by a correct
 * gradient and missed by a wrong one.
 */
public final class FiniteDifferences {
    private static final double H = 1e-4;

    private FiniteDifferences() {
    }

    /**
     * |a - n| / max(|a|, |n|, 1e-4): relative where the gradient is large enough for relative error to
     * mean something, absolute (1e-4 times the tolerance) near zero, where rounding dominates.
     */
    public static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(1e-4, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }

    /** The numerical derivative of {@code loss} in element k of x; x is restored afterwards. */
    public static double derivative(DMatrixRMaj x, int k, DoubleSupplier loss) {
        double saved = x.data[k];
        try {
            x.data[k] = saved + 2 * H;
            double f2 = loss.getAsDouble();
            x.data[k] = saved + H;
            double f1 = loss.getAsDouble();
            x.data[k] = saved - H;
            double m1 = loss.getAsDouble();
            x.data[k] = saved - 2 * H;
            double m2 = loss.getAsDouble();
            return (-f2 + 8 * f1 - 8 * m1 + m2) / (12 * H);
        } finally {
            x.data[k] = saved;
        }
    }

    /**
     * Compares every element of {@code analytic} with the numerical derivative of {@code loss} in the
     * matching element of {@code x}.
     *
     * @param what a name for messages, e.g. "weight_hh"
     * @return null if every relative error is below {@code tolerance}, else a line describing the worst
     */
    public static String check(String what, DMatrixRMaj analytic, DMatrixRMaj x, DoubleSupplier loss, double tolerance) {
        double worst = 0;
        String worstText = null;
        for (int k = 0; k < x.getNumElements(); k++) {
            double numeric = derivative(x, k, loss);
            double a = analytic.data[k];
            double error = relativeError(a, numeric);
            if (!(error <= worst)) {
                worst = error;
                worstText = what + "[" + k + "]: analytic " + a + ", numeric " + numeric + ", relative error " + error;
            }
        }
        return worst < tolerance ? null : worstText;
    }
}
