package org.rnnlab.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.Norms;
import org.rnnlab.spi.Parameter;

/**
 * Builds a {@link LongTermShare} from the terms by lag: their norms, their sum and, for each
 * threshold, the sum of the terms above it, accumulated directly rather than as the whole minus the
 * short-term part, which would leave rounding noise of the whole's size where the long-term part has
 * vanished to 1e-40.
 */
final class ShareAccumulator implements LagTermConsumer {
    private final int[] thresholds;
    private final int maxLags;
    private final Map<String, Sums> sums = new LinkedHashMap<>();

    private static final class Sums {
        final double[] lagNorms;
        final DMatrixRMaj whole;
        final DMatrixRMaj[] tails;

        Sums(int lags, DMatrixRMaj shape, int thresholds) {
            lagNorms = new double[lags];
            whole = new DMatrixRMaj(shape.numRows, shape.numCols);
            tails = new DMatrixRMaj[thresholds];
            for (int i = 0; i < thresholds; i++) {
                tails[i] = new DMatrixRMaj(shape.numRows, shape.numCols);
            }
        }
    }

    /** @param thresholds ascending, distinct, >= 0 */
    ShareAccumulator(int[] thresholds, int maxLags, List<Parameter> recurrent) {
        this.thresholds = thresholds.clone();
        this.maxLags = maxLags;
        for (Parameter p : recurrent) {
            sums.put(p.name(), new Sums(maxLags, p.value(), thresholds.length));
        }
    }

    @Override
    public void accept(int lag, Parameter weight, DMatrixRMaj term) {
        Sums s = sums.get(weight.name());
        s.lagNorms[lag] = Norms.of(term);
        Kernels.addScaled(1.0, term, s.whole);
        for (int i = 0; i < thresholds.length; i++) {
            if (lag > thresholds[i]) {
                Kernels.addScaled(1.0, term, s.tails[i]);
            }
        }
    }

    /** The result, once the terms of {@code lags} lags have been accepted. */
    LongTermShare finish(int lags) {
        if (lags > maxLags) {
            throw new IllegalStateException("Received " + lags + " lags, sized for " + maxLags);
        }
        List<LongTermShare.Weight> weights = new ArrayList<>();
        for (Map.Entry<String, Sums> e : sums.entrySet()) {
            Sums s = e.getValue();
            double[] tails = new double[thresholds.length];
            for (int i = 0; i < tails.length; i++) {
                tails[i] = Norms.of(s.tails[i]);
            }
            weights.add(new LongTermShare.Weight(e.getKey(), thresholds, Norms.of(s.whole),
                    Arrays.copyOf(s.lagNorms, lags), tails));
        }
        return new LongTermShare(thresholds, weights, combine(weights, lags));
    }

    private LongTermShare.Weight combine(List<LongTermShare.Weight> weights, int lags) {
        int n = weights.size();
        double[][] lagNorms = new double[n][];
        double[][] tailNorms = new double[n][];
        double[] parts = new double[n];
        for (int i = 0; i < n; i++) {
            lagNorms[i] = weights.get(i).lagNorms();
            tailNorms[i] = weights.get(i).tailNorms();
            parts[i] = weights.get(i).gradientNorm();
        }
        double whole = Spectra.rootSumSquare(parts);
        double[] lagAll = new double[lags];
        for (int lag = 0; lag < lags; lag++) {
            for (int i = 0; i < n; i++) {
                parts[i] = lagNorms[i][lag];
            }
            lagAll[lag] = Spectra.rootSumSquare(parts);
        }
        double[] tailAll = new double[thresholds.length];
        for (int j = 0; j < tailAll.length; j++) {
            for (int i = 0; i < n; i++) {
                parts[i] = tailNorms[i][j];
            }
            tailAll[j] = Spectra.rootSumSquare(parts);
        }
        return new LongTermShare.Weight("all", thresholds, whole, lagAll, tailAll);
    }
}
