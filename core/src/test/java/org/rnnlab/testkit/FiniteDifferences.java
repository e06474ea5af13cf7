package org.rnnlab.testkit;

import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.diagnostics.CentralDifferences;

/**
 * Central-difference gradient checks for the contract tests and the engine's tests, on
 * {@link CentralDifferences} (the five-point stencil that {@code rnnlab gradcheck} uses too).
 */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** See {@link CentralDifferences#relativeError}. */
    public static double relativeError(double analytic, double numeric) {
        return CentralDifferences.relativeError(analytic, numeric);
    }

    /** See {@link CentralDifferences#derivative}. */
    public static double derivative(DMatrixRMaj x, int k, DoubleSupplier loss) {
        return CentralDifferences.derivative(x, k, loss);
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
