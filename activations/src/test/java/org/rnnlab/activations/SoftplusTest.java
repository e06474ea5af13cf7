package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class SoftplusTest extends ActivationContractTest {

    private final Activation softplus = new Softplus();

    @Override
    protected Activation createActivation() {
        return new Softplus();
    }

    @Test
    void knownValues() {
        assertThat(softplus.apply(0)).isCloseTo(Math.log(2), within(1e-16));
        assertThat(derivativeAt(softplus, 0)).isCloseTo(0.5, within(1e-16));
        // log(1 + e^ln 3) = ln 4; the derivative is the sigmoid, 3/4
        assertThat(softplus.apply(Math.log(3))).isCloseTo(Math.log(4), within(1e-15));
        assertThat(derivativeAt(softplus, Math.log(3))).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void largeInputsNeitherOverflowNorCut() {
        assertThat(softplus.apply(1000)).isEqualTo(1000);
        assertThat(derivativeAt(softplus, 1000)).isEqualTo(1);
        // PyTorch would return 25 exactly here (threshold 20); the exact value is 25 + e^-25
        assertThat(softplus.apply(25) - 25).isCloseTo(Math.exp(-25), within(Math.ulp(25.0)));
    }

    @Test
    void tinyValuesAndGradientsStayMeasurable() {
        assertThat(softplus.apply(-1000)).isEqualTo(0);
        assertThat(softplus.apply(-92)).isCloseTo(Math.exp(-92), within(1e-15 * Math.exp(-92)));
        assertThat(derivativeAt(softplus, -92)).isCloseTo(Math.exp(-92), within(1e-15 * Math.exp(-92)));
    }
}
