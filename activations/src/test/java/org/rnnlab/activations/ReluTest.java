package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class ReluTest extends ActivationContractTest {

    private final Activation relu = new Relu();

    @Override
    protected Activation createActivation() {
        return new Relu();
    }

    @Override
    protected double[] kinks() {
        return new double[] {0};
    }

    @Test
    void knownValues() {
        assertThat(relu.apply(3)).isEqualTo(3);
        assertThat(relu.apply(-2)).isEqualTo(0);
        assertThat(relu.apply(0)).isEqualTo(0);
        assertThat(derivativeAt(relu, 3)).isEqualTo(1);
        assertThat(derivativeAt(relu, -2)).isEqualTo(0);
        assertThat(derivativeAt(relu, Double.MIN_VALUE)).isEqualTo(1);
    }

    /** PyTorch: relu's backward passes the gradient only where the result is > 0. */
    @Test
    void derivativeAtTheKinkIsZero() {
        assertThat(derivativeAt(relu, 0)).isEqualTo(0);
        assertThat(derivativeAt(relu, -0.0)).isEqualTo(0);
        double[] dx = new double[1];
        relu.backward(null, new double[] {relu.apply(0)}, new double[] {5}, dx, 0, 1);
        assertThat(dx[0]).isEqualTo(0);
    }
}
