package org.rnnlab.architectures;

import org.rnnlab.model.LayerSpec;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/**
 * Whole-model gradient checks with IndRNN layers, softplus below and tanh above: smooth, so no kink
 * of the default relu spoils a difference quotient (the cell contract checks relu itself).
 */
class IndRnnModelGradientTest extends ModelGradientContractTest {

    @Override
    protected Registries registries() {
        return Registries.standard();
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        return LayerSpec.of("indrnn", hiddenSize).withOption("activation", index == 0 ? "softplus" : "tanh");
    }
}
