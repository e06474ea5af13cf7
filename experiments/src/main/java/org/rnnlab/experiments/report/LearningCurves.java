package org.rnnlab.experiments.report;

import java.util.List;
import java.util.TreeSet;

/**
 * The median and interquartile band over seeds of a learning curve (held-out loss / baseline against
 * updates).
 *
 * <p>Runs are evaluated at their own updates and stop early when solved, so at a given update some
 * runs have no evaluation there and some have already stopped. The band is drawn at every update at
 * which any run was evaluated; there each run contributes its <em>latest evaluation at or before that
 * update</em>: a run that stopped (solved, or at a smaller budget) carries its last value forward, so the
 * median does not jump when the successful runs leave. A run not yet evaluated does not contribute. A
 * value that is not finite (a diverged run) counts as +infinity, the worst, and so also stays in the
 * median; where the median or a quartile is infinite the line has a gap.
 */
public final class LearningCurves {
    private LearningCurves() {
    }

    /** One run's curve: the updates at which it was evaluated (ascending) and its values there. */
    public record Curve(double[] updates, double[] values) {
        public Curve {
            if (updates.length != values.length) {
                throw new IllegalArgumentException("updates and values differ in length: " + updates.length + " vs "
                        + values.length);
            }
        }
    }

    /** The band: at each update the number of runs that contributed, their 25%, 50% and 75% quantiles. */
    public record Band(double[] updates, int[] runs, double[] lower, double[] median, double[] upper) {
    }

    /** The band over {@code curves}; quantiles as {@link Stats#quantile}. */
    public static Band band(List<Curve> curves) {
        TreeSet<Double> grid = new TreeSet<>();
        for (Curve c : curves) {
            for (double u : c.updates()) {
                grid.add(u);
            }
        }
        int n = grid.size();
        double[] updates = new double[n];
        int[] runs = new int[n];
        double[] lower = new double[n];
        double[] median = new double[n];
        double[] upper = new double[n];
        int[] cursor = new int[curves.size()];
        int i = 0;
        for (double u : grid) {
            double[] at = new double[curves.size()];
            int count = 0;
            for (int k = 0; k < curves.size(); k++) {
                Curve c = curves.get(k);
                while (cursor[k] < c.updates().length && c.updates()[cursor[k]] <= u) {
                    cursor[k]++;
                }
                if (cursor[k] == 0) {
                    continue;
                }
                double v = c.values()[cursor[k] - 1];
                at[count++] = Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
            }
            double[] present = java.util.Arrays.copyOf(at, count);
            updates[i] = u;
            runs[i] = count;
            lower[i] = Stats.quantile(present, 0.25);
            median[i] = Stats.quantile(present, 0.5);
            upper[i] = Stats.quantile(present, 0.75);
            i++;
        }
        return new Band(updates, runs, lower, median, upper);
    }
}
