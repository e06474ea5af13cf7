package org.rnnlab.activations;

/**
 * Softsign, f(x) = x / (1 + |x|), with values in (-1, 1): a sigmoid-shaped function with polynomial
 * rather than exponential tails, from Bergstra, Desjardins, Lamblin and Bengio, "Quadratic polynomials
 * learn better image features", Université de Montréal technical report 1337, 2009, and studied by
 * Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural networks",
 * AISTATS 2010.
 *
 * <p>f'(x) = 1 / (1 + |x|)², obtained from y = f(x) as (1 - |y|)². The subtraction loses relative
 * precision as |y| nears 1 (about 1e-8 at |x| = 1e8), and the derivative is 0 once y rounds to ±1
 * (|x| above about 1e16).
 */
public final class Softsign extends OutputDerivedActivation {

    public Softsign() {
        super("softsign", "x / (1 + |x|), in (-1, 1)", -1, 1);
    }

    @Override
    public double apply(double x) {
        return x / (1 + Math.abs(x));
    }

    @Override
    double derivativeAtOutput(double y) {
        double gap = 1 - Math.abs(y);
        return gap * gap;
    }
}
