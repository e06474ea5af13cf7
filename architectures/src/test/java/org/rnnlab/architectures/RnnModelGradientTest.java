package org.rnnlab.architectures;

import org.rnnlab.model.LayerSpec;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/** Whole-model gradient checks with Elman layers: tanh below, softplus above (smooth, so no kink spoils a difference quotient). */
class RnnModelGradientTest extends ModelGradientContractTest {

    @Override
    protected Registries registries() {
        return Registries.standard();
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        return LayerSpec.of("rnn", hiddenSize).withOption("activation", index == 0 ? "tanh" : "softplus");
    }
}
