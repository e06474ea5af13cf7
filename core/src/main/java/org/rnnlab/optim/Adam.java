package org.rnnlab.optim;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;

/**
 * {@code adam}: D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
 * Algorithm 1, as PyTorch's {@code torch.optim.Adam} (amsgrad off) computes it. At update t
 * (counted from 1), with moments m and v starting at zero:
 * <pre>
 *   g <- grad + weightDecay p
 *   m <- beta1 m + (1 - beta1) g
 *   v <- beta2 v + (1 - beta2) g^2
 *   p <- p - (lr / (1 - beta1^t)) m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
 * </pre>
 * epsilon is added after the bias correction of v, as in the paper and in PyTorch (some libraries
 * add it before, which matters while v is small). Weight decay is the L2 penalty folded into the
 * gradient, not AdamW's decoupled decay.
 */
public final class Adam extends ElementwiseOptimizer {
    private static final List<ParamSpec> SPECS = List.of(
            learningRateSpec(1e-3),
            ParamSpec.ofDouble("beta1", 0.9, Range.closedOpen(0, 1), "decay rate of the first moment"),
            ParamSpec.ofDouble("beta2", 0.999, Range.closedOpen(0, 1), "decay rate of the second moment"),
            ParamSpec.ofDouble("epsilon", 1e-8, Range.greaterThan(0), "added to the denominator for stability"),
            weightDecaySpec());

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** At the defaults: lr 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public Adam() {
        this(Params.of(SPECS, Map.of()));
    }

    private Adam(Params params) {
        super("adam", "Adam with bias correction (Kingma and Ba 2015), as torch.optim.Adam", SPECS, params);
        this.beta1 = params.getDouble("beta1");
        this.beta2 = params.getDouble("beta2");
        this.epsilon = params.getDouble("epsilon");
    }

    @Override
    public Adam configure(Params params) {
        return new Adam(params);
    }

    @Override
    int buffers() {
        return 2;
    }

    @Override
    void step(double rate, long step, double[] value, double[] gradient, double[][] state, int n) {
        double[] m = state[0];
        double[] v = state[1];
        double stepSize = rate / (1 - Math.pow(beta1, step));
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        for (int i = 0; i < n; i++) {
            double g = gradient[i] + weightDecay * value[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * (g * g);
            value[i] -= stepSize * (m[i] / (Math.sqrt(v[i]) / correction2 + epsilon));
        }
    }
}
