package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;

/** This module registers exactly its ten plugins, each a final class. */
class RegistrationTest {

    @Test
    void registersExactlyTheTenActivations() {
        assertThat(Registries.standard().activations().names()).containsExactly(
                "elu", "hard_sigmoid", "hard_tanh", "identity", "leaky_relu",
                "relu", "sigmoid", "softplus", "softsign", "tanh");
    }

    @Test
    void everyPluginIsFinalAndDerivesItsDerivativeFromItsOutput() {
        for (Activation a : Registries.standard().activations().plugins()) {
            assertThat(Modifier.isFinal(a.getClass().getModifiers())).as("%s is final", a.getClass()).isTrue();
            assertThat(a.derivativeFromOutput()).as("%s derives f' from y", a.name()).isTrue();
            assertThat(a.monotonic()).as("%s is monotonic", a.name()).isTrue();
        }
    }
}
