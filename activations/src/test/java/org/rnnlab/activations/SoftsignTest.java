package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class SoftsignTest extends ActivationContractTest {

    private final Activation softsign = new Softsign();

    @Override
    protected Activation createActivation() {
        return new Softsign();
    }

    @Test
    void knownValues() {
        assertThat(softsign.apply(0)).isEqualTo(0);
        assertThat(softsign.apply(1)).isEqualTo(0.5);
        assertThat(softsign.apply(-3)).isEqualTo(-0.75);
        assertThat(derivativeAt(softsign, 0)).isEqualTo(1);
        assertThat(derivativeAt(softsign, 1)).isEqualTo(0.25);
        assertThat(derivativeAt(softsign, -3)).isEqualTo(0.0625);
    }

    @Test
    void approachesOneWithoutOverflow() {
        assertThat(softsign.apply(1e300)).isEqualTo(1);
        assertThat(softsign.apply(-Double.MAX_VALUE)).isEqualTo(-1);
        assertThat(derivativeAt(softsign, 1e300)).isEqualTo(0);
    }
}
