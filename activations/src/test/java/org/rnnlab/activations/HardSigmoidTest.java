package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class HardSigmoidTest extends ActivationContractTest {

    private final Activation hardSigmoid = new HardSigmoid();

    @Override
    protected Activation createActivation() {
        return new HardSigmoid();
    }

    @Override
    protected double[] kinks() {
        return new double[] {-3, 3};
    }

    @Test
    void knownValues() {
        assertThat(hardSigmoid.apply(0)).isEqualTo(0.5);
        assertThat(hardSigmoid.apply(1.5)).isEqualTo(0.75);
        assertThat(hardSigmoid.apply(-1.5)).isEqualTo(0.25);
        assertThat(hardSigmoid.apply(4)).isEqualTo(1);
        assertThat(hardSigmoid.apply(-1e300)).isEqualTo(0);
        assertThat(derivativeAt(hardSigmoid, 0)).isEqualTo(1.0 / 6);
        assertThat(derivativeAt(hardSigmoid, -2.9)).isEqualTo(1.0 / 6);
        assertThat(derivativeAt(hardSigmoid, 5)).isEqualTo(0);
    }

    /** PyTorch's x / 6 + 1/2, not the 0.2 x + 0.5 of older Keras, which is already 1 at 2.5. */
    @Test
    void isPyTorchsDefinitionNotKerasOld() {
        assertThat(hardSigmoid.apply(2.5)).isEqualTo(5.5 / 6).isLessThan(1);
        assertThat(hardSigmoid.apply(3)).isEqualTo(1);
    }

    /** PyTorch: hardsigmoid's backward passes the gradient only strictly inside (-3, 3). */
    @Test
    void derivativeAtTheKinksIsZero() {
        assertThat(derivativeAt(hardSigmoid, 3)).isEqualTo(0);
        assertThat(derivativeAt(hardSigmoid, -3)).isEqualTo(0);
        assertThat(derivativeAt(hardSigmoid, Math.nextUp(-3.0))).isEqualTo(1.0 / 6);
    }
}
