package org.rnnlab.activations;

/**
 * The hard tanh, f(x) = x clipped to [-1, 1]: the piecewise-linear tanh of Collobert, "Large scale
 * machine learning", PhD thesis, Université Paris VI, 2004, and PyTorch's {@code Hardtanh} at its
 * defaults.
 *
 * <p>f'(x) = 1 strictly inside (-1, 1), else 0: at the kinks, hard_tanh'(-1) = hard_tanh'(1) = 0, as
 * PyTorch's autograd (whose backward passes the gradient only where min &lt; x &lt; max). Read from
 * y = f(x), which lies strictly inside exactly when x does.
 */
public final class HardTanh extends OutputDerivedActivation {

    public HardTanh() {
        super("hard_tanh", "x clipped to [-1, 1]", -1, 1);
    }

    @Override
    public double apply(double x) {
        return Math.max(-1.0, Math.min(1.0, x));
    }

    @Override
    double derivativeAtOutput(double y) {
        return y > -1 && y < 1 ? 1 : 0;
    }
}
