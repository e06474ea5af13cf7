package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * Assertions the initializer tests share: refusals, gate blocks, orthonormality, spectral radius and
 * sample moments.
 *
 * <p>Sample tolerances are six standard errors of the statistic, computed from the sample size and
 * the distribution, so they are strict on large tensors and lenient on small ones. The seeds are
 * fixed, so the tests are deterministic; six standard errors means a correct initializer would fail
 * under another seed with probability about 2e-9, while on the 65536-element tensors the tests use a
 * variance off by 5% (about 9 standard errors for normal draws) fails.
 */
final class MatrixAssertions {
    private static final double STANDARD_ERRORS = 6;
    /** Below this many elements sample moments say little, and {@link #assertDrawnFrom} checks nothing. */
    static final int MIN_SAMPLE = 1000;

    private MatrixAssertions() {
    }

    /** The distributions the initializers draw from, by the moments the checks need. */
    enum Law {
        /** Kurtosis 9/5; 1/sqrt(3) of the mass lies within one std of the mean. */
        UNIFORM(9.0 / 5.0, 1 / Math.sqrt(3)),
        /** Kurtosis 3; erf(1/sqrt 2) of the mass lies within one std of the mean. */
        NORMAL(3.0, 0.6826894921370859);

        final double kurtosis;
        final double withinOneStd;

        Law(double kurtosis, double withinOneStd) {
            this.kurtosis = kurtosis;
            this.withinOneStd = withinOneStd;
        }
    }

    /** Asserts that filling {@code target} in {@code context} throws exactly this refusal. */
    static void assertRefuses(Initializer initializer, DMatrixRMaj target, InitContext context, String message) {
        assertThatThrownBy(() -> initializer.initialize(target, context, new RandomStreams(1).stream("refusal")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /** Gate block {@code gate} of a tensor of {@code gates} blocks, as a new matrix. */
    static DMatrixRMaj block(DMatrixRMaj tensor, int gates, int gate) {
        int rows = tensor.numRows / gates;
        return CommonOps_DDRM.extract(tensor, gate * rows, (gate + 1) * rows, 0, tensor.numCols);
    }

    /**
     * Asserts gain^-1 M has orthonormal columns if M is tall or square (M^T M = gain^2 I), or
     * orthonormal rows if it is wide (M M^T = gain^2 I), to {@code tolerance} in every element.
     */
    static void assertOrthogonal(DMatrixRMaj m, double gain, double tolerance) {
        boolean wide = m.numRows < m.numCols;
        int n = Math.min(m.numRows, m.numCols);
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        if (wide) {
            CommonOps_DDRM.multTransB(m, m, gram);
        } else {
            CommonOps_DDRM.multTransA(m, m, gram);
        }
        CommonOps_DDRM.scale(1 / (gain * gain), gram);
        assertThat(maxDistanceFromIdentity(gram))
                .as("distance of %s from orthonormal %s", m.numRows + "x" + m.numCols, wide ? "rows" : "columns")
                .isLessThanOrEqualTo(tolerance);
    }

    /** max |a_ij - delta_ij| of a square matrix. */
    static double maxDistanceFromIdentity(DMatrixRMaj a) {
        double max = 0;
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                max = Math.max(max, Math.abs(a.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return max;
    }

    /** The spectral radius, from EJML's general eigenvalue decomposition, written apart from the code under test. */
    static double spectralRadius(DMatrixRMaj square) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(square.numRows, false, false);
        assertThat(eig.decompose(square.copy())).as("eigenvalues converged").isTrue();
        return IntStream.range(0, eig.getNumberOfEigenvalues())
                .mapToDouble(i -> eig.getEigenvalue(i).getMagnitude())
                .max()
                .orElseThrow();
    }

    /** Asserts the radius of every gate block to 1e-9, relative. */
    static void assertBlockRadius(DMatrixRMaj tensor, int gates, double radius) {
        for (int g = 0; g < gates; g++) {
            assertThat(spectralRadius(block(tensor, gates, g))).as("spectral radius of gate block %d", g)
                    .isCloseTo(radius, within(1e-9 * radius));
        }
    }

    /**
     * Asserts that the elements look like independent draws of the law with this mean and standard
     * deviation: sample mean, sample variance and the share within one deviation of the mean.
     * Samples of fewer than {@link #MIN_SAMPLE} elements pass unexamined.
     */
    static void assertDrawnFrom(DMatrixRMaj sample, Law law, double mean, double std) {
        int n = sample.getNumElements();
        if (n < MIN_SAMPLE) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sample.data[i];
        }
        double sampleMean = sum / n;
        double squares = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            double d = sample.data[i] - sampleMean;
            squares += d * d;
            if (Math.abs(sample.data[i] - mean) <= std) {
                inside++;
            }
        }
        double variance = squares / (n - 1);
        String shape = sample.numRows + "x" + sample.numCols;
        assertThat(sampleMean).as("sample mean over %s", shape)
                .isCloseTo(mean, within(STANDARD_ERRORS * std / Math.sqrt(n)));
        // The relative standard error of a sample variance is sqrt((kurtosis - 1) / n).
        assertThat(variance).as("sample variance over %s", shape)
                .isCloseTo(std * std, within(STANDARD_ERRORS * std * std * Math.sqrt((law.kurtosis - 1) / n)));
        double p = law.withinOneStd;
        assertThat((double) inside / n).as("share within one standard deviation over %s", shape)
                .isCloseTo(p, within(STANDARD_ERRORS * Math.sqrt(p * (1 - p) / n)));
    }

    /**
     * Asserts every element lies in [low, high], and that both ends are nearly reached: the chance
     * that n uniform draws all miss a strip of 20/n of the width is e^-20.
     */
    static void assertWithinAndReaching(DMatrixRMaj sample, double low, double high) {
        int n = sample.getNumElements();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, sample.data[i]);
            max = Math.max(max, sample.data[i]);
        }
        double slack = 1e-12 * Math.max(Math.abs(low), Math.abs(high));
        String shape = sample.numRows + "x" + sample.numCols;
        assertThat(min).as("smallest element of %s", shape).isGreaterThanOrEqualTo(low - slack);
        assertThat(max).as("largest element of %s", shape).isLessThanOrEqualTo(high + slack);
        double strip = Math.min(1, 20.0 / n) * (high - low);
        assertThat(min).as("smallest element of %s", shape).isLessThanOrEqualTo(low + strip);
        assertThat(max).as("largest element of %s", shape).isGreaterThanOrEqualTo(high - strip);
    }
}
