package org.rnnlab.architectures;

import org.rnnlab.model.LayerSpec;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/** Whole-model gradient checks with GRU layers: PyTorch's form below, Cho et al.'s above. */
class GruModelGradientTest extends ModelGradientContractTest {

    @Override
    protected Registries registries() {
        return Registries.standard();
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        return LayerSpec.of("gru", hiddenSize).withOption("resetAfter", index == 0);
    }
}
