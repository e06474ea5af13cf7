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

class AdamTest extends OptimizerContractTest {

    @Override
    protected Optimizer createOptimizer() {
        return new Adam();
    }

    private static Optimizer adam(Map<String, ?> values) {
        return Registries.standard().optimizers().create("adam", values);
    }

    @Test
    void aConstantGradientGivesStepsOfLrTimesItsSign() {
        // With g constant, m_t = (1 - 0.9^t) g and v_t = (1 - 0.999^t) g^2, so the bias-corrected
        // moments are exactly g and g^2, and every step is lr g / (|g| + eps).
        double[][] p = trajectory(adam(Map.of("lr", 0.1)), new double[] {1, -2},
                new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2});
        for (int t = 1; t <= 3; t++) {
            assertThat(p[t - 1]).containsExactly(new double[] {1 - t * 0.1 / (1 + 1e-8), -2 - t * 0.2 / (2 + 1e-8)},
                    within(1e-15));
        }
    }

    @Test
    void biasCorrectedMomentsOfAnAlternatingGradient() {
        // lr 0.1, g = 1, -1, 1. Since |g| = 1 throughout, v_t = 1 - 0.999^t and the corrected v is 1.
        // t=1: m = 0.1                       corrected 0.1 / 0.1 = 1
        // t=2: m = 0.09 - 0.1 = -0.01        corrected -0.01 / (1 - 0.81) = -1/19
        // t=3: m = -0.009 + 0.1 = 0.091      corrected 0.091 / (1 - 0.729) = 91/271
        // and each step subtracts 0.1 x corrected m / (1 + 1e-8).
        double[][] p = trajectory(adam(Map.of("lr", 0.1)), new double[] {0},
                new double[] {1}, new double[] {-1}, new double[] {1});
        assertThat(p[0][0]).isCloseTo(-0.1 / (1 + 1e-8), within(1e-15));
        assertThat(p[1][0]).isCloseTo(-0.1 * (1 - 1.0 / 19) / (1 + 1e-8), within(1e-15));
        assertThat(p[2][0]).isCloseTo(-0.1 * (1 - 1.0 / 19 + 91.0 / 271) / (1 + 1e-8), within(1e-15));
    }

    @Test
    void epsilonIsAddedAfterTheBiasCorrection() {
        // With a constant g = 1 the corrected sqrt(v) is 1, so each step is 0.1 / (1 + 0.5). Adding eps
        // to sqrt(v) = sqrt(0.001) before correcting would give a step near 0.1 x 0.06 instead.
        double[][] p = trajectory(adam(Map.of("lr", 0.1, "epsilon", 0.5)), new double[] {0},
                new double[] {1}, new double[] {1});
        assertThat(p[0][0]).isCloseTo(-0.1 / 1.5, within(1e-15));
        assertThat(p[1][0]).isCloseTo(-0.2 / 1.5, within(1e-15));
    }

    @Test
    void weightDecayFoldsIntoTheGradient() {
        // g = 0 + 0.5 x 1 = 0.5, a first step of 0.1 x 0.5 / (0.5 + 1e-8).
        double[][] p = trajectory(adam(Map.of("lr", 0.1, "weightDecay", 0.5)), new double[] {1}, new double[] {0});
        assertThat(p[0][0]).isCloseTo(1 - 0.1 * 0.5 / (0.5 + 1e-8), within(1e-15));
    }

    @Test
    void betasMustBeBelowOne() {
        assertThatThrownBy(() -> adam(Map.of("beta1", 1.0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("adam.beta1 must be in [0, 1), found 1");
    }

    @Nested
    class WithWeightDecayAndOtherBetas extends OptimizerContractTest {
        @Override
        protected Optimizer createOptimizer() {
            return adam(Map.of("beta1", 0.5, "beta2", 0.9, "weightDecay", 0.01));
        }

        @Override
        protected boolean zeroGradientIsStationary() {
            return false; // weight decay pulls every value toward zero
        }
    }
}
