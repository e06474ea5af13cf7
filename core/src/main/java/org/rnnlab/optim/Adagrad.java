package org.rnnlab.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;

/**
 * {@code adagrad}: J. Duchi, E. Hazan, Y. Singer, "Adaptive Subgradient Methods for Online Learning
 * and Stochastic Optimization", JMLR 12, 2011 (the diagonal version), as PyTorch's
 * {@code torch.optim.Adagrad} computes it. At update t (counted from 1), with the accumulator s
 * starting at {@code initialAccumulator}:
 * <pre>
 *   g <- grad + weightDecay p
 *   s <- s + g^2
 *   p <- p - (lr / (1 + (t - 1) lrDecay)) g / (sqrt(s) + epsilon)
 * </pre>
 */
public final class Adagrad extends ElementwiseOptimizer {
    private static final List<ParamSpec> SPECS = List.of(
            learningRateSpec(0.01),
            ParamSpec.ofDouble("lrDecay", 0.0, Range.atLeast(0), "the rate at update t is lr / (1 + (t - 1) lrDecay)"),
            ParamSpec.ofDouble("epsilon", 1e-10, Range.greaterThan(0), "added to the denominator for stability"),
            ParamSpec.ofDouble("initialAccumulator", 0.0, Range.atLeast(0), "starting value of the sum of squares"),
            weightDecaySpec());

    private final double lrDecay;
    private final double epsilon;
    private final double initialAccumulator;

    /** At the defaults: lr 0.01, no decay, epsilon 1e-10, accumulator starting at 0. */
    public Adagrad() {
        this(Params.of(SPECS, Map.of()));
    }

    private Adagrad(Params params) {
        super("adagrad", "Adagrad (Duchi, Hazan and Singer 2011), as torch.optim.Adagrad", SPECS, params);
        this.lrDecay = params.getDouble("lrDecay");
        this.epsilon = params.getDouble("epsilon");
        this.initialAccumulator = params.getDouble("initialAccumulator");
    }

    @Override
    public Adagrad configure(Params params) {
        return new Adagrad(params);
    }

    @Override
    int buffers() {
        return 1;
    }

    @Override
    void initialize(double[][] state) {
        Arrays.fill(state[0], initialAccumulator);
    }

    @Override
    void step(double rate, long step, double[] value, double[] gradient, double[][] state, int n) {
        double[] s = state[0];
        double decayed = rate / (1 + (step - 1) * lrDecay);
        for (int i = 0; i < n; i++) {
            double g = gradient[i] + weightDecay * value[i];
            s[i] += g * g;
            value[i] -= decayed * (g / (Math.sqrt(s[i]) + epsilon));
        }
    }
}
