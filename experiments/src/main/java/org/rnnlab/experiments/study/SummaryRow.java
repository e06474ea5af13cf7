package org.rnnlab.experiments.study;

import java.util.Map;

/**
 * One grid point of a study (all axes but the seed): a row of {@code summary.csv}.
 *
 * @param variant the variant's label, or null
 * @param values the point's axis values
 * @param runs finished runs of the point (failed and diverged ones included)
 * @param solved runs with status {@code solved}
 * @param successRate solved / runs, null if no run finished
 * @param successLow the Wilson score 95% interval's lower end, null if no run finished
 * @param successHigh its upper end
 * @param medianUpdatesToSolve over the solved runs, null if none
 * @param medianFinalLoss over the runs with a finite final loss, null if none
 */
public record SummaryRow(String variant, Map<String, Object> values, int runs, int solved, Double successRate,
        Double successLow, Double successHigh, Double medianUpdatesToSolve, Double medianFinalLoss) {
}
