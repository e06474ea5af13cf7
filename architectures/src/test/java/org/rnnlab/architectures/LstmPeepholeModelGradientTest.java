package org.rnnlab.architectures;

import org.rnnlab.model.LayerSpec;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/** Whole-model gradient checks with {@code lstm_peephole} layers: the defaults below, tanh gates and a sigmoid cell above. */
class LstmPeepholeModelGradientTest extends ModelGradientContractTest {

    @Override
    protected Registries registries() {
        return Registries.standard();
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        LayerSpec layer = LayerSpec.of("lstm_peephole", hiddenSize);
        return index == 0 ? layer : layer.withOption("gateActivation", "tanh").withOption("cellActivation", "sigmoid");
    }
}
