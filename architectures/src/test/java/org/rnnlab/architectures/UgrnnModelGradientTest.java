package org.rnnlab.architectures;

import org.rnnlab.model.LayerSpec;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/** Whole-model gradient checks with UGRNN layers: the defaults below, softsign and no gate bias above. */
class UgrnnModelGradientTest extends ModelGradientContractTest {

    @Override
    protected Registries registries() {
        return Registries.standard();
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        LayerSpec layer = LayerSpec.of("ugrnn", hiddenSize);
        return index == 0 ? layer : layer.withOption("activation", "softsign").withOption("gateBias", 0.0);
    }
}
