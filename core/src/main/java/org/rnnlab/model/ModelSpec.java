package org.rnnlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rnnlab.params.InvalidSpecException;

/**
 * The shape of a model: the input width, a stack of recurrent layers, a linear readout to
 * {@code outputSize} values (classes, for cross-entropy), the loss and where it is read.
 * Validated in full on construction: every problem is reported at once with its path.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.builder(2)
 *         .layer(LayerSpec.of("rnn", 50).withOption("activation", "relu"))
 *         .output(1, Loss.MSE, ReadAt.LAST)
 *         .build();
 * }</pre>
 */
public record ModelSpec(int inputSize, List<LayerSpec> layers, int outputSize, Loss loss, ReadAt readAt) {

    public ModelSpec {
        layers = List.copyOf(layers);
        List<String> problems = new ArrayList<>();
        if (inputSize < 1) {
            problems.add("model.inputSize must be > 0, found " + inputSize);
        }
        if (layers.isEmpty()) {
            problems.add("model.layers must hold at least one layer, found none");
        }
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).validate("model.layers[" + i + "]", problems);
        }
        if (outputSize < 1) {
            problems.add("model.outputSize must be > 0, found " + outputSize);
        }
        if (loss == Loss.CROSS_ENTROPY && outputSize < 2) {
            problems.add("model.outputSize must be >= 2 for cross_entropy (one output per class), found " + outputSize);
        }
        if (loss == null) {
            problems.add("model.loss must be one of [mse, cross_entropy], found nothing");
        }
        if (readAt == null) {
            problems.add("model.readAt must be one of [last, every], found nothing");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** Builds a {@link ModelSpec}; {@link #build()} validates. */
    public static final class Builder {
        private final int inputSize;
        private final List<LayerSpec> layers = new ArrayList<>();
        private int outputSize = 1;
        private Loss loss = Loss.MSE;
        private ReadAt readAt = ReadAt.LAST;

        private Builder(int inputSize) {
            this.inputSize = inputSize;
        }

        public Builder layer(LayerSpec layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        public Builder output(int size, Loss lossKind, ReadAt where) {
            this.outputSize = size;
            this.loss = lossKind;
            this.readAt = where;
            return this;
        }

        public ModelSpec build() {
            return new ModelSpec(inputSize, layers, outputSize, loss, readAt);
        }
    }
}
