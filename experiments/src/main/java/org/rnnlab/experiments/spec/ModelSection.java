package org.rnnlab.experiments.spec;

import java.util.List;
import org.rnnlab.model.LayerSpec;

/**
 * A spec's {@code model}: the recurrent layers, bottom first. The rest of the model (input and
 * output sizes, loss, where the loss is read) comes from the task. Each layer is core's
 * {@link LayerSpec}; sizes, cells, options and initializers are checked when the experiment is
 * resolved, where the task's sizes are known.
 *
 * @param layers the layers, bottom first
 */
public record ModelSection(List<LayerSpec> layers) {

    public ModelSection {
        layers = List.copyOf(layers);
    }

    public static ModelSection of(LayerSpec... layers) {
        return new ModelSection(List.of(layers));
    }
}
