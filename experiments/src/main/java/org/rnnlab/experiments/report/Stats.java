package org.rnnlab.experiments.report;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

import java.util.Arrays;

/**
 * The statistics of a study report: medians and quartiles over seeds, and the Wilson score interval of
 * a success rate.
 */
public final class Stats {
    private Stats() {
    }

    /** A success rate and its interval. */
    public record Rate(int successes, int trials, double rate, double low, double high) {
    }

    /**
     * The Wilson score interval (Wilson 1927) of {@code successes} out of {@code trials} at 95%:
     * with p = k/n and z the 97.5% quantile of the standard normal distribution (1.96),
     * centre (p + z²/2n) / (1 + z²/n) and half-width z/(1 + z²/n) · sqrt(p(1-p)/n + z²/4n²).
     * Unlike the normal approximation it stays inside [0, 1] and is not empty at 0 or n successes,
     * which matters with the handful of seeds a study runs. With no trials everything is NaN.
     */
    public static Rate wilson(int successes, int trials) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, found " + successes + " of " + trials);
        }
        if (trials == 0) {
            return new Rate(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double p = (double) successes / trials;
        // commons-math3's closed form, as summary.csv uses (StudyTables), so the two never disagree.
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval(trials, successes, 0.95);
        // At 0 and n successes the bound is exactly 0 or 1; rounding should not move it off.
        double low = successes == 0 ? 0 : Math.max(0, ci.getLowerBound());
        double high = successes == trials ? 1 : Math.min(1, ci.getUpperBound());
        return new Rate(successes, trials, p, low, high);
    }

    /** The median of the values that are not NaN (+/-infinity count); NaN if there is none. */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /**
     * The {@code p}-quantile of the values that are not NaN, by linear interpolation between order
     * statistics (Hyndman and Fan's definition 7, the default of R and NumPy): with the n values sorted
     * as v_0..v_{n-1} and h = (n - 1)p, it is v_⌊h⌋ + (h - ⌊h⌋)(v_⌊h⌋+1 - v_⌊h⌋). A value of +infinity
     * (a diverged run) sorts last and is returned where the quantile falls on or beyond it. NaN if there
     * is no value.
     */
    public static double quantile(double[] values, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], found " + p);
        }
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        double fraction = h - lo;
        if (fraction == 0 || lo + 1 >= v.length) {
            return v[lo];
        }
        if (Double.isInfinite(v[lo + 1]) || Double.isInfinite(v[lo])) {
            return v[lo + 1];
        }
        return v[lo] + fraction * (v[lo + 1] - v[lo]);
    }
}
