package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class TanhTest extends ActivationContractTest {

    private final Activation tanh = new Tanh();

    @Override
    protected Activation createActivation() {
        return new Tanh();
    }

    @Test
    void knownValues() {
        assertThat(tanh.apply(0)).isEqualTo(0);
        assertThat(tanh.derivative(Double.NaN, tanh.apply(0))).isEqualTo(1);
        // tanh(x) = (e^2x - 1) / (e^2x + 1), and e^2x = 3 at x = ln(3) / 2
        double x = Math.log(3) / 2;
        assertThat(tanh.apply(x)).isCloseTo(0.5, within(1e-16));
        assertThat(tanh.derivative(Double.NaN, 0.5)).isEqualTo(0.75);
    }

    @Test
    void oddIncludingTheSignOfZero() {
        assertThat(Math.copySign(1, tanh.apply(-0.0))).isEqualTo(-1);
        assertThat(tanh.apply(-0.7)).isEqualTo(-tanh.apply(0.7));
    }

    @Test
    void saturates() {
        assertThat(tanh.apply(1000)).isEqualTo(1);
        assertThat(tanh.apply(-1000)).isEqualTo(-1);
        assertThat(tanh.derivative(Double.NaN, 1)).isEqualTo(0);
        assertThat(tanh.derivative(Double.NaN, -1)).isEqualTo(0);
    }
}
