package org.rnnlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FastTanh against the JDK's tanh (itself within 1 ulp) on every branch, and at the edges. */
class FastTanhTest {

    @Test
    void withinTwoUlpsOfTheJdkOnEveryBranch() {
        SplittableRandom random = new SplittableRandom(3);
        double[] ranges = {1e-8, 1e-3, 0.3, 0.6, 5, 25};
        for (double range : ranges) {
            for (int i = 0; i < 20_000; i++) {
                double x = random.nextDouble(-range, range);
                double expected = Math.tanh(x);
                // Both within 1 ulp of the truth, so within 2 of each other.
                assertThat(Math.abs(FastTanh.tanh(x) - expected)).as("tanh(%s)", x)
                        .isLessThanOrEqualTo(2 * Math.ulp(expected));
            }
        }
    }

    @Test
    void edgesAndSpecialValues() {
        assertThat(FastTanh.tanh(0.0)).isEqualTo(0.0);
        assertThat(Math.copySign(1, FastTanh.tanh(-0.0))).isEqualTo(-1);
        assertThat(FastTanh.tanh(22)).isEqualTo(1.0);
        assertThat(FastTanh.tanh(-1e300)).isEqualTo(-1.0);
        assertThat(FastTanh.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(FastTanh.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(FastTanh.tanh(Double.NaN)).isNaN();
        assertThat(FastTanh.tanh(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        assertThat(FastTanh.tanh(0.45)).isEqualTo(Math.tanh(0.45));
    }
}
