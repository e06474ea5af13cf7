package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class IdentityTest extends ActivationContractTest {

    private final Activation identity = new Identity();

    @Override
    protected Activation createActivation() {
        return new Identity();
    }

    @Test
    void returnsItsInput() {
        assertThat(identity.apply(2.5)).isEqualTo(2.5);
        assertThat(identity.apply(-1e300)).isEqualTo(-1e300);
        assertThat(Math.copySign(1, identity.apply(-0.0))).isEqualTo(-1);
    }

    @Test
    void derivativeIsOneEverywhere() {
        assertThat(identity.derivative(Double.NaN, 0)).isEqualTo(1);
        assertThat(identity.derivative(Double.NaN, -7)).isEqualTo(1);
        assertThat(identity.derivative(Double.NaN, 1e300)).isEqualTo(1);
    }

    @Test
    void backwardPassesTheGradientThrough() {
        double[] dy = {0.5, -2, 3};
        double[] dx = new double[3];
        identity.backward(null, new double[] {1, 2, 3}, dy, dx, 0, 3);
        assertThat(dx).containsExactly(0.5, -2, 3);
    }
}
