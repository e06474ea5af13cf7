package org.rnnlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.testkit.OptimizerContractTest;

class RmsPropTest extends OptimizerContractTest {

    @Override
    protected Optimizer createOptimizer() {
        return new RmsProp();
    }

    private static Optimizer rmsprop(Map<String, ?> values) {
        return Registries.standard().optimizers().create("rmsprop", values);
    }

    private static final double EPS = 1e-8;

    /** Every case: lr 0.01, alpha 0.99, from 0 with g = 2 and then g = -1. */
    private static double[][] twoSteps(Map<String, ?> values) {
        return trajectory(rmsprop(values), new double[] {0}, new double[] {2}, new double[] {-1});
    }

    @Test
    void dividesByTheRootMeanSquare() {
        // v1 = 0.01 x 4 = 0.04                   p1 = -0.01 x 2 / (0.2 + eps)
        // v2 = 0.99 x 0.04 + 0.01 x 1 = 0.0496    p2 = p1 + 0.01 / (sqrt(0.0496) + eps)
        double[][] p = twoSteps(Map.of());
        double p1 = -0.02 / (0.2 + EPS);
        assertThat(p[0][0]).isCloseTo(p1, within(1e-15));
        assertThat(p[1][0]).isCloseTo(p1 + 0.01 / (Math.sqrt(0.0496) + EPS), within(1e-15));
    }

    @Test
    void centeredSubtractsTheSquaredMean() {
        // a1 = 0.01 x 2 = 0.02;                   v1 - a1^2 = 0.04 - 0.0004 = 0.0396
        // a2 = 0.99 x 0.02 - 0.01 = 0.0098;       v2 - a2^2 = 0.0496 - 0.00009604 = 0.04950396
        double[][] p = twoSteps(Map.of("centered", true));
        double p1 = -0.02 / (Math.sqrt(0.0396) + EPS);
        assertThat(p[0][0]).isCloseTo(p1, within(1e-15));
        assertThat(p[1][0]).isCloseTo(p1 + 0.01 / (Math.sqrt(0.04950396) + EPS), within(1e-15));
    }

    @Test
    void momentumAccumulatesTheScaledGradient() {
        // b1 = 2 / (0.2 + eps)                              p1 = -0.01 b1
        // b2 = 0.9 b1 + (-1) / (sqrt(0.0496) + eps)         p2 = p1 - 0.01 b2
        double[][] p = twoSteps(Map.of("momentum", 0.9));
        double b1 = 2 / (0.2 + EPS);
        double b2 = 0.9 * b1 - 1 / (Math.sqrt(0.0496) + EPS);
        assertThat(p[0][0]).isCloseTo(-0.01 * b1, within(1e-15));
        assertThat(p[1][0]).isCloseTo(-0.01 * b1 - 0.01 * b2, within(1e-15));
    }

    @Test
    void epsilonMustBePositive() {
        assertThatThrownBy(() -> rmsprop(Map.of("epsilon", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("rmsprop.epsilon must be > 0, found 0");
    }

    @Nested
    class CenteredWithMomentum extends OptimizerContractTest {
        @Override
        protected Optimizer createOptimizer() {
            return rmsprop(Map.of("centered", true, "momentum", 0.5));
        }
    }
}
