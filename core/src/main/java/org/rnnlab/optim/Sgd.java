package org.rnnlab.optim;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;

/**
 * {@code sgd}: stochastic gradient descent with optional heavy-ball or Nesterov momentum, as
 * PyTorch's {@code torch.optim.SGD} (dampening 0) computes it. With learning rate lr, momentum mu,
 * weight decay lambda and buffer b (zero before the first update):
 * <pre>
 *   g <- grad + lambda p
 *   if mu > 0:   b <- mu b + g                       (so b = g on the first update)
 *                g <- nesterov ? g + mu b : b
 *   p <- p - lr g
 * </pre>
 * Momentum: B. T. Polyak, "Some methods of speeding up the convergence of iteration methods",
 * USSR Computational Mathematics and Mathematical Physics 4(5), 1964. Nesterov momentum in this form:
 * I. Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance of initialization and momentum in
 * deep learning", ICML 2013. As in PyTorch, lr multiplies the buffer rather than entering it, so a
 * schedule that changes lr rescales the whole accumulated velocity at once.
 *
 * <p>Nesterov momentum without momentum is refused when configuring, since it would silently be
 * plain SGD.
 */
public final class Sgd extends ElementwiseOptimizer {
    private static final List<ParamSpec> SPECS = List.of(
            learningRateSpec(0.01),
            ParamSpec.ofDouble("momentum", 0.0, Range.closedOpen(0, 1), "momentum factor mu; 0 for none"),
            ParamSpec.ofBoolean("nesterov", false, "Nesterov momentum (needs momentum > 0)"),
            weightDecaySpec());

    private final double momentum;
    private final boolean nesterov;

    /** At the defaults: lr 0.01, no momentum, no weight decay. */
    public Sgd() {
        this(Params.of(SPECS, Map.of()));
    }

    private Sgd(Params params) {
        super("sgd",
                "Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD", SPECS, params);
        this.momentum = params.getDouble("momentum");
        this.nesterov = params.getBoolean("nesterov");
        List<String> problems = new java.util.ArrayList<>();
        check(params, "sgd", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    @Override
    public void check(Params params, String path, List<String> problems) {
        if (params.getBoolean("nesterov") && params.getDouble("momentum") == 0) {
            problems.add(path + ".nesterov = true requires momentum > 0, found momentum 0");
        }
    }

    @Override
    public Sgd configure(Params params) {
        return new Sgd(params);
    }

    @Override
    int buffers() {
        return momentum > 0 ? 1 : 0;
    }

    @Override
    void step(double rate, long step, double[] value, double[] gradient, double[][] state, int n) {
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                value[i] -= rate * (gradient[i] + weightDecay * value[i]);
            }
            return;
        }
        // PyTorch sets b = g on the first update; with b starting at zero, mu * 0 + g is that same g.
        double[] b = state[0];
        for (int i = 0; i < n; i++) {
            double g = gradient[i] + weightDecay * value[i];
            b[i] = momentum * b[i] + g;
            value[i] -= rate * (nesterov ? g + momentum * b[i] : b[i]);
        }
    }
}
