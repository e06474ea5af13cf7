package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.registry.Registries;

/** The services file lists every plugin of this module once, and nothing else. */
class RegisteredInitializersTest {

    @Test
    void registersExactlyThePluginsOfThisModule() {
        assertThat(Registries.standard().initializers().names()).containsExactly(
                "chrono", "constant", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "identity",
                "indrnn_uniform", "normal", "orthogonal", "sparse_spectral", "spectral", "uniform", "zeros");
    }
}
