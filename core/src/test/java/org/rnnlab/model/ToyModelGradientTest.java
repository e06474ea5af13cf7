package org.rnnlab.model;

import java.util.List;
import java.util.Map;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelGradientContractTest;

/** The whole-model gradient checks on core's test-only two-state cell, so the engine is proved without plugins. */
class ToyModelGradientTest extends ModelGradientContractTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));

    @Override
    protected Registries registries() {
        return TOY;
    }

    @Override
    protected LayerSpec layer(int index, int hiddenSize) {
        return LayerSpec.of("toy", hiddenSize);
    }
}
