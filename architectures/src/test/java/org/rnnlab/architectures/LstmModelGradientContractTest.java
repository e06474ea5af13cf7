package org.rnnlab.architectures;

import org.rnnlab.model.LayerSpec;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/** Whole-model gradient checks for an LSTM: the defaults below, tanh gates and a sigmoid cell above. */
abstract class LstmModelGradientContractTest extends ModelGradientContractTest {

    /** The cell's plugin name. */
    abstract String cell();

    @Override
    protected Registries registries() {
        return Registries.standard();
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        LayerSpec layer = LayerSpec.of(cell(), hiddenSize);
        return index == 0 ? layer : layer.withOption("gateActivation", "tanh").withOption("cellActivation", "sigmoid");
    }
}
