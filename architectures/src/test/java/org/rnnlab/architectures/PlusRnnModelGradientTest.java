package org.rnnlab.architectures;

import org.rnnlab.model.LayerSpec;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/**
 * Whole-model gradient checks with +RNN layers; each layer projects its input (2 to 3 features, then
 * 3 to 4), and the layer above reads the output y, not the state. The output candidate uses softplus,
 * smooth where the default relu has a kink.
 */
class PlusRnnModelGradientTest extends ModelGradientContractTest {

    @Override
    protected Registries registries() {
        return Registries.standard();
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        return LayerSpec.of("plus_rnn", hiddenSize).withOption("outputActivation", "softplus");
    }
}
