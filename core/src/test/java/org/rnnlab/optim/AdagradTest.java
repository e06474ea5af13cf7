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

class AdagradTest extends OptimizerContractTest {

    @Override
    protected Optimizer createOptimizer() {
        return new Adagrad();
    }

    private static Optimizer adagrad(Map<String, ?> values) {
        return Registries.standard().optimizers().create("adagrad", values);
    }

    private static final double EPS = 1e-10;

    @Test
    void dividesByTheRootOfTheSumOfSquares() {
        // lr 0.1, g = 3 then 4: s = 9, then 25.
        // p1 = -0.1 x 3 / (3 + eps);   p2 = p1 - 0.1 x 4 / (5 + eps)
        double[][] p = trajectory(adagrad(Map.of("lr", 0.1)), new double[] {0}, new double[] {3}, new double[] {4});
        double p1 = -0.3 / (3 + EPS);
        assertThat(p[0][0]).isCloseTo(p1, within(1e-15));
        assertThat(p[1][0]).isCloseTo(p1 - 0.4 / (5 + EPS), within(1e-15));
    }

    @Test
    void learningRateDecay() {
        // The rate of update t is 0.1 / (1 + (t - 1) 0.5): 0.1, then 0.1 / 1.5.
        double[][] p = trajectory(adagrad(Map.of("lr", 0.1, "lrDecay", 0.5)), new double[] {0},
                new double[] {3}, new double[] {4});
        double p1 = -0.3 / (3 + EPS);
        assertThat(p[0][0]).isCloseTo(p1, within(1e-15));
        assertThat(p[1][0]).isCloseTo(p1 - (0.1 / 1.5) * 4 / (5 + EPS), within(1e-15));
    }

    @Test
    void initialAccumulator() {
        // s = 16 + 9 = 25: p1 = -0.1 x 3 / (5 + eps).
        double[][] p = trajectory(adagrad(Map.of("lr", 0.1, "initialAccumulator", 16)), new double[] {0}, new double[] {3});
        assertThat(p[0][0]).isCloseTo(-0.3 / (5 + EPS), within(1e-15));
    }

    @Test
    void initialAccumulatorMustNotBeNegative() {
        assertThatThrownBy(() -> adagrad(Map.of("initialAccumulator", -1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("adagrad.initialAccumulator must be >= 0, found -1");
    }

    @Nested
    class WithDecayAndAccumulator extends OptimizerContractTest {
        @Override
        protected Optimizer createOptimizer() {
            return adagrad(Map.of("lrDecay", 0.1, "initialAccumulator", 0.1));
        }
    }
}
