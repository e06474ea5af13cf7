package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class SigmoidTest extends ActivationContractTest {

    private final Activation sigmoid = new Sigmoid();

    @Override
    protected Activation createActivation() {
        return new Sigmoid();
    }

    @Test
    void knownValues() {
        assertThat(sigmoid.apply(0)).isEqualTo(0.5);
        assertThat(derivativeAt(sigmoid, 0)).isEqualTo(0.25);
        // 1 / (1 + e^-ln 3) = 1 / (1 + 1/3)
        assertThat(sigmoid.apply(Math.log(3))).isCloseTo(0.75, within(1e-16));
        assertThat(sigmoid.apply(-Math.log(3))).isCloseTo(0.25, within(1e-16));
        assertThat(derivativeAt(sigmoid, Math.log(3))).isCloseTo(0.1875, within(1e-16));
    }

    @Test
    void saturatesWithoutOverflow() {
        assertThat(sigmoid.apply(-1000)).isEqualTo(0);
        assertThat(sigmoid.apply(1000)).isEqualTo(1);
        assertThat(derivativeAt(sigmoid, -1000)).isEqualTo(0);
        assertThat(derivativeAt(sigmoid, 1000)).isEqualTo(0);
    }

    /** The point of the x &lt; 0 branch: tiny outputs and gradients keep their relative precision. */
    @Test
    void tinyValuesAndGradientsStayMeasurable() {
        assertThat(sigmoid.apply(-92)).isCloseTo(Math.exp(-92), within(1e-15 * Math.exp(-92)));
        assertThat(derivativeAt(sigmoid, -92)).isCloseTo(Math.exp(-92), within(1e-15 * Math.exp(-92)));
        assertThat(sigmoid.apply(-745)).isPositive();
    }

    @Test
    void symmetric() {
        for (double x : new double[] {0.1, 1, 3.5, 20}) {
            assertThat(sigmoid.apply(-x)).isCloseTo(1 - sigmoid.apply(x), within(1e-16));
        }
    }
}
