package org.rnnlab.diagnostics;

import java.util.Arrays;
import java.util.List;

/**
 * The gradient of the recurrent weights split into terms by lag, and the share of it that comes from
 * long-term dependencies (Pascanu, Mikolov, Bengio 2013, "On the difficulty of training recurrent
 * neural networks", ICML, Eq. 4-5). With the loss a sum of terms E_t read at steps t,
 *
 * <pre>
 * dE/dW = sum over t of sum over k &lt;= t of  (dE_t/dh_t) (dh_t/dh_k) (d⁺h_k/dW)
 * </pre>
 *
 * <p>where d⁺h_k/dW is the immediate derivative of step k (W used once, on h_{k-1}). The term
 * (t, k) has lag t - k: how many steps the error signal travelled from the loss to the weight's use.
 * Long-term components (large lags) that vanish next to the short-term ones are why a plain RNN
 * cannot learn long dependencies.
 *
 * <p>Loss times t are the steps where the loss reads the top layer's output: for
 * {@link org.rnnlab.model.ReadAt#LAST} each sequence's own last step, for
 * {@link org.rnnlab.model.ReadAt#EVERY} every scored step. In a stack, a weight of a lower layer is
 * used at step k on that layer's h_{k-1}, and the lag is still t - k, the distance in time (the
 * paths from the loss to it may climb down the stack at any step in between). The term for lag L
 * summed over every t is G_L; the G_L add up to the whole gradient dE/dW that full BPTT computes.
 *
 * <p>The norms are Frobenius norms without overflow or underflow. The lag norms do not add up to the
 * gradient's norm (terms of different lags can cancel); the tail norms measure the long-term part
 * itself: tailNorms[i] = ||sum over lags L &gt; thresholds[i] of G_L||.
 *
 * @param thresholds the lags above which the tails were summed, ascending
 * @param weights one entry per recurrent weight (role {@link org.rnnlab.spi.ParameterRole#RECURRENT_WEIGHT}),
 *     in the model's parameter order, under its state_dict name
 * @param combined all recurrent weights as one vector (named {@code "all"}): each of its norms is the
 *     root sum of squares of the weights' norms
 */
public record LongTermShare(int[] thresholds, List<Weight> weights, Weight combined) {

    public LongTermShare {
        thresholds = thresholds.clone();
        weights = List.copyOf(weights);
    }

    /** A copy. */
    @Override
    public int[] thresholds() {
        return thresholds.clone();
    }

    /** The entry of the recurrent weight named {@code name} ({@code rnn.weight_hh_l0}). */
    public Weight weight(String name) {
        for (Weight w : weights) {
            if (w.name.equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("No recurrent weight '" + name + "'; measured "
                + weights.stream().map(Weight::name).toList());
    }

    /**
     * The split of one recurrent weight's gradient.
     *
     * @param name the state_dict name
     * @param thresholds as the enclosing record's
     * @param gradientNorm ||sum over lags of G_L||, the norm of dE/dW (as full BPTT computes it, to rounding)
     * @param lagNorms lagNorms[L] = ||G_L|| for L = 0 up to the largest lag (the last loss time)
     * @param tailNorms tailNorms[i] = ||sum over L &gt; thresholds[i] of G_L||
     */
    public record Weight(String name, int[] thresholds, double gradientNorm, double[] lagNorms, double[] tailNorms) {

        public Weight {
            thresholds = thresholds.clone();
            lagNorms = lagNorms.clone();
            tailNorms = tailNorms.clone();
            if (tailNorms.length != thresholds.length) {
                throw new IllegalArgumentException("Need one tail norm per threshold: " + thresholds.length + ", found "
                        + tailNorms.length);
            }
        }

        /** A copy. */
        @Override
        public int[] thresholds() {
            return thresholds.clone();
        }

        /** A copy. */
        @Override
        public double[] lagNorms() {
            return lagNorms.clone();
        }

        /** A copy. */
        @Override
        public double[] tailNorms() {
            return tailNorms.clone();
        }

        /** The number of lags measured: the largest lag plus one. */
        public int lags() {
            return lagNorms.length;
        }

        /** ||G_lag|| / ||dE/dW||: NaN if the gradient is zero. */
        public double lagFraction(int lag) {
            return lagNorms[lag] / gradientNorm;
        }

        /**
         * The long-term share ||sum over lags &gt; threshold of G_L|| / ||dE/dW|| for one of the
         * measured thresholds: 0 if no term is that old, NaN if the gradient is zero.
         */
        public double share(int threshold) {
            int i = Arrays.binarySearch(thresholds, threshold);
            if (i < 0) {
                throw new IllegalArgumentException("The share above lag " + threshold + " was not measured; thresholds "
                        + Arrays.toString(thresholds));
            }
            return tailNorms[i] / gradientNorm;
        }
    }
}
