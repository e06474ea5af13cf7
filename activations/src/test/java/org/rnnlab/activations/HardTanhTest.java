package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class HardTanhTest extends ActivationContractTest {

    private final Activation hardTanh = new HardTanh();

    @Override
    protected Activation createActivation() {
        return new HardTanh();
    }

    @Override
    protected double[] kinks() {
        return new double[] {-1, 1};
    }

    @Test
    void knownValues() {
        assertThat(hardTanh.apply(0.5)).isEqualTo(0.5);
        assertThat(hardTanh.apply(-0.25)).isEqualTo(-0.25);
        assertThat(hardTanh.apply(2)).isEqualTo(1);
        assertThat(hardTanh.apply(-1e300)).isEqualTo(-1);
        assertThat(derivativeAt(hardTanh, 0.5)).isEqualTo(1);
        assertThat(derivativeAt(hardTanh, 2)).isEqualTo(0);
        assertThat(derivativeAt(hardTanh, -2)).isEqualTo(0);
    }

    /** PyTorch: hardtanh's backward passes the gradient only strictly inside (min, max). */
    @Test
    void derivativeAtTheKinksIsZero() {
        assertThat(derivativeAt(hardTanh, 1)).isEqualTo(0);
        assertThat(derivativeAt(hardTanh, -1)).isEqualTo(0);
        assertThat(derivativeAt(hardTanh, Math.nextDown(1.0))).isEqualTo(1);
        assertThat(derivativeAt(hardTanh, Math.nextUp(-1.0))).isEqualTo(1);
    }
}
