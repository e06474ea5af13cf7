package org.rnnlab.spi;

import java.util.List;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.ModelSpec;

/**
 * A penalty added to the training loss through its gradient alone: after the backward pass has
 * filled a model's gradients with dL/dθ, a regularizer adds α dΩ/dθ to them, reading whatever it
 * needs from the {@link Bptt}'s buffers (states, dL/dh_t of every step). Pascanu, Mikolov, Bengio
 * 2013's Ω, which keeps dL/dh_t from vanishing as it travels back, is the example.
 *
 * <p>Lifecycle: a configured instance is immutable; the {@link org.rnnlab.training.Trainer} checks it
 * against the model with {@link #checkModel} when it is built, then calls {@link #addGradient} once
 * per update, after every {@link org.rnnlab.training.TrainingListener#onGradients} (diagnostics see
 * the loss's gradient alone) and before the gradient transforms (clipping sees the sum). Only full
 * BPTT is supported: truncated BPTT leaves dL/dh_t for the last segment only, and the trainer refuses
 * the combination.
 *
 * <pre>{@code
 * Regularizer omega = registries.regularizers().create("pascanu_omega", Map.of("alpha", 2.0), "regularizers[0]", problems);
 * Trainer.builder(model, sgd).regularizers(List.of(omega)).build().train(data);
 * }</pre>
 */
public interface Regularizer extends Plugin<Regularizer> {

    /**
     * Adds the penalty's weighted gradient α dΩ/dθ into the gradients of the model {@code bptt} ran.
     *
     * @param bptt after {@link Bptt#lossAndGradients}: its buffers Not modified; the model's gradients
     *     Modified (added to), its values Not modified
     * @param update the update's number, from 1
     * @return the weighted penalty α Ω, the amount the regularizer adds to the loss
     * @throws IllegalStateException if the model has a layer the regularizer cannot handle (a model
     *     {@link #checkModel} would refuse)
     */
    double addGradient(Bptt bptt, long update);

    /**
     * Appends a problem for every part of {@code spec} this regularizer cannot handle, saying what it
     * supports; the default accepts every model.
     *
     * @param spec Not modified.
     * @param path where the regularizer was named ({@code regularizers[0]}), to start each problem with
     * @param problems Modified: one sentence appended per problem
     */
    default void checkModel(ModelSpec spec, String path, List<String> problems) {
    }
}
