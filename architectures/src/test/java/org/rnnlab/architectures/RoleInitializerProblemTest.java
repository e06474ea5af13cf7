package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;

/** A role's initializer fills several parameters; a problem with it is reported once, not once per parameter. */
class RoleInitializerProblemTest {

    @Test
    void aBadBiasInitializerIsReportedOnce() {
        ModelSpec spec = ModelSpec.builder(2)
                .layer(LayerSpec.of("rnn", 4).withInit("bias", PluginRef.of("uniform", Map.of("low", 1, "high", 0))))
                .output(1, Loss.MSE, ReadAt.LAST).build();
        assertThatThrownBy(() -> Model.create(spec, 1))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("model.layers[0].init.bias.low must be < high, found low 1 and high 0");
    }
}
