package org.rnnlab.optim;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;

/**
 * {@code rmsprop}: divides each gradient by a running root mean square of its recent values, as
 * PyTorch's {@code torch.optim.RMSprop} computes it. With v, a and b starting at zero:
 * <pre>
 *   g <- grad + weightDecay p
 *   v <- alpha v + (1 - alpha) g^2
 *   if centered:  a <- alpha a + (1 - alpha) g;   d <- sqrt(v - a^2) + epsilon
 *   else:         d <- sqrt(v) + epsilon
 *   if momentum > 0:  b <- momentum b + g / d;   p <- p - lr b
 *   else:             p <- p - lr g / d
 * </pre>
 * T. Tieleman, G. Hinton, "Lecture 6.5 - rmsprop", COURSERA: Neural Networks for Machine Learning,
 * 2012. The centered variant, which divides by an estimate of the variance rather than the second
 * moment: A. Graves, "Generating Sequences With Recurrent Neural Networks", arXiv:1308.0850, 2013.
 * epsilon is added outside the square root, as in PyTorch (TensorFlow adds it inside).
 */
public final class RmsProp extends ElementwiseOptimizer {
    private static final List<ParamSpec> SPECS = List.of(
            learningRateSpec(0.01),
            ParamSpec.ofDouble("alpha", 0.99, Range.closedOpen(0, 1), "decay rate of the mean square"),
            ParamSpec.ofDouble("epsilon", 1e-8, Range.greaterThan(0), "added to the denominator for stability"),
            ParamSpec.ofDouble("momentum", 0.0, Range.closedOpen(0, 1), "momentum factor; 0 for none"),
            ParamSpec.ofBoolean("centered", false, "divide by the estimated variance instead of the mean square"),
            weightDecaySpec());

    private final double alpha;
    private final double epsilon;
    private final double momentum;
    private final boolean centered;

    /** At the defaults: lr 0.01, alpha 0.99, epsilon 1e-8, no momentum, not centered. */
    public RmsProp() {
        this(Params.of(SPECS, Map.of()));
    }

    private RmsProp(Params params) {
        super("rmsprop",
                "RMSprop (Tieleman and Hinton 2012), optionally centered and with momentum, as torch.optim.RMSprop",
                SPECS, params);
        this.alpha = params.getDouble("alpha");
        this.epsilon = params.getDouble("epsilon");
        this.momentum = params.getDouble("momentum");
        this.centered = params.getBoolean("centered");
    }

    @Override
    public RmsProp configure(Params params) {
        return new RmsProp(params);
    }

    /** v always; then a if centered; then b if momentum > 0. */
    @Override
    int buffers() {
        return 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
    }

    @Override
    void step(double rate, long step, double[] value, double[] gradient, double[][] state, int n) {
        double[] v = state[0];
        double[] a = centered ? state[1] : null;
        double[] b = momentum > 0 ? state[state.length - 1] : null;
        for (int i = 0; i < n; i++) {
            double g = gradient[i] + weightDecay * value[i];
            v[i] = alpha * v[i] + (1 - alpha) * (g * g);
            double d;
            if (centered) {
                a[i] = alpha * a[i] + (1 - alpha) * g;
                d = Math.sqrt(v[i] - a[i] * a[i]) + epsilon;
            } else {
                d = Math.sqrt(v[i]) + epsilon;
            }
            if (b != null) {
                b[i] = momentum * b[i] + g / d;
                value[i] -= rate * b[i];
            } else {
                value[i] -= rate * (g / d);
            }
        }
    }
}
