package org.rnnlab.activations;

/**
 * Softplus, f(x) = log(1 + e^x), a smooth rectifier, from Dugas, Bengio, Bélisle, Nadeau and Garcia,
 * "Incorporating second-order functional knowledge for better option pricing", NIPS 2000. Values
 * above 0.
 *
 * <p>Computed as max(x, 0) + log1p(e^-|x|), which neither overflows for large x nor loses the tiny
 * outputs of very negative x. PyTorch's softplus returns x itself above its threshold 20; this one
 * does not cut, and differs from PyTorch there by less than 2.1e-9.
 *
 * <p>f'(x) = 1 / (1 + e^-x), the sigmoid, obtained from y = f(x) as 1 - e^-y ({@code -expm1(-y)}),
 * which keeps its relative precision for very negative x, where both y and f' are about e^x.
 */
public final class Softplus extends OutputDerivedActivation {

    public Softplus() {
        super("softplus", "log(1 + e^x), a smooth relu", 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public double apply(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    double derivativeAtOutput(double y) {
        return -Math.expm1(-y);
    }
}
