package org.rnnlab.training;

/**
 * What happened in one update.
 *
 * @param update the update's number, from 1
 * @param loss the training loss of the batch (or segment) before the update
 * @param gradientNormBefore global L2 norm of the gradients before the transforms, the regularizers'
 *     included
 * @param gradientNormAfter global L2 norm after them (what the optimizer saw)
 * @param learningRate the rate used, after the schedule
 * @param clipped whether any transform changed the gradients
 * @param skipped whether the update was dropped (a non-finite policy of {@code skip})
 * @param constrained how many parameter values the constraints changed
 * @param seconds wall time since training started
 * @param regularization the regularizers' weighted penalties added up (α Ω for each), whose gradients
 *     are in {@code gradientNormBefore}; not part of {@code loss}; 0 without regularizers
 */
public record UpdateMetrics(long update, double loss, double gradientNormBefore, double gradientNormAfter,
        double learningRate, boolean clipped, boolean skipped, long constrained, double seconds,
        double regularization) {

    /** An update without regularizers: {@code regularization} 0. */
    public UpdateMetrics(long update, double loss, double gradientNormBefore, double gradientNormAfter,
            double learningRate, boolean clipped, boolean skipped, long constrained, double seconds) {
        this(update, loss, gradientNormBefore, gradientNormAfter, learningRate, clipped, skipped, constrained, seconds, 0);
    }
}
