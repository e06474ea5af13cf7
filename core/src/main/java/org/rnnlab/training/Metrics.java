package org.rnnlab.training;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;

/** The common success criteria. Tasks with their own (a whole sequence right) implement {@link Metric}. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * For cross-entropy models: an output is wrong if its largest logit is not the target class
     * (ties go to the lower class index). Unscored outputs (class -1, steps past a sequence's end)
     * do not count.
     */
    public static Metric classificationError() {
        return new Metric() {
            @Override
            public String name() {
                return "error_rate";
            }

            @Override
            public Tally score(DMatrixRMaj[] predictions, Batch batch) {
                long wrong = 0;
                long total = 0;
                int[][] classes = batch.classes();
                for (int t = 0; t < classes.length; t++) {
                    DMatrixRMaj p = predictions[t];
                    for (int b = 0; b < batch.size(); b++) {
                        boolean inside = classes.length == 1 || t < batch.length(b);
                        if (classes[t][b] < 0 || !inside) {
                            continue;
                        }
                        total++;
                        if (argmax(p, b) != classes[t][b]) {
                            wrong++;
                        }
                    }
                }
                return new Tally(wrong, total);
            }
        };
    }

    /**
     * For regression models read at the last step: a sequence is wrong if the squared error of its
     * output, summed over output values, exceeds {@code threshold} (Pascanu et al. 2013 use 0.04 on
     * the adding problem).
     */
    public static Metric squaredErrorAbove(double threshold) {
        return regression("squared_error_above_" + threshold, threshold, true);
    }

    /**
     * For regression models read at the last step: a sequence is wrong if any output's absolute error
     * exceeds {@code threshold} (Hochreiter and Schmidhuber 1997 use 0.04).
     */
    public static Metric absoluteErrorAbove(double threshold) {
        return regression("absolute_error_above_" + threshold, threshold, false);
    }

    private static Metric regression(String name, double threshold, boolean squared) {
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Tally score(DMatrixRMaj[] predictions, Batch batch) {
                DMatrixRMaj y = predictions[0];
                DMatrixRMaj target = batch.targets()[0];
                long wrong = 0;
                for (int b = 0; b < batch.size(); b++) {
                    double sum = 0;
                    double max = 0;
                    for (int o = 0; o < y.numCols; o++) {
                        double d = y.get(b, o) - target.get(b, o);
                        sum += d * d;
                        max = Math.max(max, Math.abs(d));
                    }
                    double error = squared ? sum : max;
                    if (!(error <= threshold)) {
                        wrong++;
                    }
                }
                return new Tally(wrong, batch.size());
            }
        };
    }

    /** The column of the largest value in row {@code row} of {@code p}; ties go to the lower index. */
    public static int argmax(DMatrixRMaj p, int row) {
        int best = 0;
        for (int o = 1; o < p.numCols; o++) {
            if (p.get(row, o) > p.get(row, best)) {
                best = o;
            }
        }
        return best;
    }
}
