package org.rnnlab.activations;

/**
 * The rectified linear unit, f(x) = max(x, 0), of Nair and Hinton, "Rectified linear units improve
 * restricted Boltzmann machines", ICML 2010. The nonlinearity of IRNN (Le, Jaitly, Hinton 2015) and
 * IndRNN.
 *
 * <p>f'(x) = 1 for y = f(x) &gt; 0, else 0: at the kink, relu'(0) = 0, as PyTorch's autograd
 * (whose backward passes the gradient where the result is &gt; 0). A NaN input gives NaN, so a
 * diverged run is not masked.
 */
public final class Relu extends OutputDerivedActivation {

    public Relu() {
        super("relu", "rectified linear unit max(x, 0)", 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public double apply(double x) {
        return Math.max(x, 0.0);
    }

    @Override
    public void apply(double[] x, double[] y, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] = Math.max(x[i], 0.0);
        }
    }

    @Override
    double derivativeAtOutput(double y) {
        return y > 0 ? 1 : 0;
    }

    /** dy times 1 or 0 rather than a choice of dy or 0, so an infinite or NaN dy gives what the scalar gives. */
    @Override
    public void backward(double[] x, double[] y, double[] dy, double[] dx, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            dx[i] = dy[i] * (y[i] > 0 ? 1.0 : 0.0);
        }
    }
}
