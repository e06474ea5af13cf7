package org.rnnlab.spi;

/**
 * An element-wise activation function f with its derivative.
 *
 * <p>The derivative takes both x and y = f(x): functions whose derivative follows from the output
 * (tanh: 1 - y², sigmoid: y(1 - y)) say so with {@link #derivativeFromOutput()}, and cells may then
 * keep only outputs for the backward pass. At a kink (relu at 0) each plugin documents which
 * one-sided derivative it returns.
 *
 * <p>The array methods are what cells call inside the time loop; the defaults loop over the scalar
 * methods and allocate nothing. Implementations must give the same results from both.
 */
public interface Activation extends Plugin<Activation> {

    /** f(x). Finite for every finite x. */
    double apply(double x);

    /**
     * f'(x), given x and y = f(x). If {@link #derivativeFromOutput()} is true, {@code x} is ignored
     * and may be NaN.
     */
    double derivative(double x, double y);

    /** Whether {@link #derivative} uses y alone, so a caller need not keep x. */
    default boolean derivativeFromOutput() {
        return false;
    }

    /** The smallest and largest values f can take (limits included even if not attained). */
    default double lowerBound() {
        return Double.NEGATIVE_INFINITY;
    }

    /** See {@link #lowerBound()}. */
    default double upperBound() {
        return Double.POSITIVE_INFINITY;
    }

    /** Whether f is non-decreasing everywhere. */
    default boolean monotonic() {
        return true;
    }

    /**
     * y[i] = f(x[i]) for i in [offset, offset + length). {@code x} and {@code y} may be the same array.
     *
     * @param x inputs. Not modified (unless it is {@code y}).
     * @param y outputs. Modified.
     */
    default void apply(double[] x, double[] y, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = apply(x[i]);
        }
    }

    /**
     * dx[i] = dy[i] * f'(x[i]) for i in [offset, offset + length), the chain rule through f.
     * {@code dx} may be the same array as {@code dy}. {@code x} may be null if
     * {@link #derivativeFromOutput()} is true.
     *
     * @param x inputs of the forward pass. Not modified.
     * @param y outputs of the forward pass. Not modified.
     * @param dy gradient with respect to y. Not modified (unless it is {@code dx}).
     * @param dx gradient with respect to x. Modified.
     */
    default void backward(double[] x, double[] y, double[] dy, double[] dx, int offset, int length) {
        boolean fromOutput = derivativeFromOutput();
        for (int i = offset, end = offset + length; i < end; i++) {
            dx[i] = dy[i] * derivative(fromOutput ? Double.NaN : x[i], y[i]);
        }
    }
}
