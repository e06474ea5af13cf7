package org.rnnlab.activations;

/**
 * The identity, f(x) = x with f'(x) = 1: no nonlinearity, for a linear readout or a linear
 * recurrent layer.
 */
public final class Identity extends OutputDerivedActivation {

    public Identity() {
        super("identity", "f(x) = x, no nonlinearity", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Override
    public double apply(double x) {
        return x;
    }

    @Override
    double derivativeAtOutput(double y) {
        return 1;
    }

    /** A copy, which is what the scalar method gives element by element. */
    @Override
    public void apply(double[] x, double[] y, int offset, int length) {
        if (x != y) {
            System.arraycopy(x, offset, y, offset, length);
        }
    }

    /** A copy of dy: dy * 1 is dy. */
    @Override
    public void backward(double[] x, double[] y, double[] dy, double[] dx, int offset, int length) {
        if (dy != dx) {
            System.arraycopy(dy, offset, dx, offset, length);
        }
    }
}
