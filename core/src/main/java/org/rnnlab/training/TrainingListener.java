package org.rnnlab.training;

import org.rnnlab.model.Bptt;
import org.rnnlab.spi.TransformReport;

/**
 * Hears what a {@link Trainer} does, in this order for each update: {@link #onGradients} (the
 * backward pass is done: {@code bptt.layer(k).stateGradient(t)} holds dL/dh_t), one
 * {@link #onTransform} per gradient transform, {@link #onUpdate}; then {@link #onEvaluation} when
 * one is due, and {@link #onFinish} once. Listeners run on the training thread and must not modify
 * the model.
 */
public interface TrainingListener {

    default void onGradients(long update, Bptt bptt) {
    }

    /**
     * Whether {@link #onGradients} of this update will read the layers' state gradients of steps
     * other than the first ({@code bptt.layer(k).stateGradient(t)}): the trainer keeps them only
     * for updates where some listener or regularizer does, which saves one buffer per step and state.
     * True unless a listener says otherwise.
     */
    default boolean readsStateGradients(long update) {
        return true;
    }

    default void onTransform(long update, TransformReport report) {
    }

    default void onUpdate(UpdateMetrics metrics) {
    }

    default void onEvaluation(Evaluation evaluation) {
    }

    default void onFinish(TrainingResult result) {
    }
}
