package org.rnnlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.OptimizerContractTest;
import org.rnnlab.testkit.ParameterFixtures;

class SgdTest extends OptimizerContractTest {

    @Override
    protected Optimizer createOptimizer() {
        return new Sgd();
    }

    private static Optimizer sgd(Map<String, ?> values) {
        return Registries.standard().optimizers().create("sgd", values);
    }

    private static final double[] START = {1, -2};
    private static final double[][] GRADIENTS = {{1, 2}, {0.5, -1}, {0, 1}};

    @Test
    void plainSteps() {
        // p <- p - 0.1 g: (1, -2) - (0.1, 0.2) = (0.9, -2.2); then - (0.05, -0.1) = (0.85, -2.1).
        double[][] p = trajectory(sgd(Map.of("lr", 0.1)), START, GRADIENTS[0], GRADIENTS[1]);
        assertThat(p[0]).containsExactly(new double[] {0.9, -2.2}, within(1e-15));
        assertThat(p[1]).containsExactly(new double[] {0.85, -2.1}, within(1e-15));
    }

    @Test
    void heavyBallMomentum() {
        // mu 0.9, lr 0.1:
        // b1 = g1 = (1, 2)                               p1 = (1, -2) - 0.1 (1, 2)      = (0.9, -2.2)
        // b2 = 0.9 (1, 2) + (0.5, -1) = (1.4, 0.8)       p2 = p1 - 0.1 (1.4, 0.8)       = (0.76, -2.28)
        // b3 = 0.9 (1.4, 0.8) + (0, 1) = (1.26, 1.72)    p3 = p2 - 0.1 (1.26, 1.72)     = (0.634, -2.452)
        double[][] p = trajectory(sgd(Map.of("lr", 0.1, "momentum", 0.9)), START, GRADIENTS);
        assertThat(p[0]).containsExactly(new double[] {0.9, -2.2}, within(1e-15));
        assertThat(p[1]).containsExactly(new double[] {0.76, -2.28}, within(1e-15));
        assertThat(p[2]).containsExactly(new double[] {0.634, -2.452}, within(1e-15));
    }

    @Test
    void nesterovMomentum() {
        // The same buffers b as heavyBallMomentum; the step is g + 0.9 b:
        // d1 = (1, 2) + 0.9 (1, 2) = (1.9, 3.8)              p1 = (1, -2) - 0.1 d1 = (0.81, -2.38)
        // d2 = (0.5, -1) + 0.9 (1.4, 0.8) = (1.76, -0.28)    p2 = p1 - 0.1 d2      = (0.634, -2.352)
        // d3 = (0, 1) + 0.9 (1.26, 1.72) = (1.134, 2.548)    p3 = p2 - 0.1 d3      = (0.5206, -2.6068)
        double[][] p = trajectory(sgd(Map.of("lr", 0.1, "momentum", 0.9, "nesterov", true)), START, GRADIENTS);
        assertThat(p[0]).containsExactly(new double[] {0.81, -2.38}, within(1e-15));
        assertThat(p[1]).containsExactly(new double[] {0.634, -2.352}, within(1e-15));
        assertThat(p[2]).containsExactly(new double[] {0.5206, -2.6068}, within(1e-15));
    }

    @Test
    void weightDecay() {
        // g <- g + 0.1 p, lr 0.1:
        // g1 = (1, 2) + 0.1 (1, -2) = (1.1, 1.8)                p1 = (1, -2) - (0.11, 0.18)      = (0.89, -2.18)
        // g2 = (0.5, -1) + 0.1 (0.89, -2.18) = (0.589, -1.218)  p2 = p1 - (0.0589, -0.1218)      = (0.8311, -2.0582)
        double[][] p = trajectory(sgd(Map.of("lr", 0.1, "weightDecay", 0.1)), START, GRADIENTS[0], GRADIENTS[1]);
        assertThat(p[0]).containsExactly(new double[] {0.89, -2.18}, within(1e-15));
        assertThat(p[1]).containsExactly(new double[] {0.8311, -2.0582}, within(1e-15));
    }

    @Test
    void usesTheRateItIsGiven() {
        // A schedule's rate replaces lr: 0.5 here, not the configured 0.01.
        Parameter w = ParameterFixtures.vector("w", ParameterRole.OTHER, new double[] {1}, new double[] {2});
        new Sgd().newUpdater(List.of(w)).update(0.5);
        assertThat(w.value().data).containsExactly(0);
    }

    @Test
    void nesterovNeedsMomentum() {
        assertThatThrownBy(() -> sgd(Map.of("nesterov", true)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("sgd.nesterov = true requires momentum > 0, found momentum 0");
    }

    @Test
    void momentumMustBeBelowOne() {
        assertThatThrownBy(() -> sgd(Map.of("momentum", 1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("sgd.momentum must be in [0, 1), found 1");
    }

    @Test
    void learningRateMustBeFiniteAndNotNegative() {
        Optimizer.Updater updater = new Sgd().newUpdater(ParameterFixtures.layer(1, 1));
        assertThatThrownBy(() -> updater.update(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learningRate must be >= 0 and finite, found -0.1");
        assertThatThrownBy(() -> updater.update(Double.NaN))
                .hasMessage("learningRate must be >= 0 and finite, found NaN");
        assertThatThrownBy(() -> updater.update(Double.POSITIVE_INFINITY))
                .hasMessage("learningRate must be >= 0 and finite, found Infinity");
    }

    @Test
    void aParameterListedTwiceIsRefused() {
        Parameter p = ParameterFixtures.layer(1, 1).get(1);
        assertThatThrownBy(() -> new Sgd().newUpdater(List.of(p, p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter weight_hh[4, 4] is listed twice; an updater takes each once");
    }

    @Nested
    class WithMomentum extends OptimizerContractTest {
        @Override
        protected Optimizer createOptimizer() {
            return sgd(Map.of("momentum", 0.9));
        }
    }

    @Nested
    class WithNesterovMomentum extends OptimizerContractTest {
        @Override
        protected Optimizer createOptimizer() {
            return sgd(Map.of("momentum", 0.5, "nesterov", true));
        }
    }

    @Nested
    class WithWeightDecay extends OptimizerContractTest {
        @Override
        protected Optimizer createOptimizer() {
            return sgd(Map.of("weightDecay", 0.01));
        }

        @Override
        protected boolean zeroGradientIsStationary() {
            return false; // weight decay pulls every value toward zero
        }
    }
}
