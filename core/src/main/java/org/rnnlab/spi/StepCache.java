package org.rnnlab.spi;

/**
 * What a {@link Cell} keeps from the forward pass of one time step for its backward pass (gate
 * values, pre-activations). Each cell defines its own; the engine creates one per step with
 * {@link Cell#newStepCache(int)} before the time loop and reuses it, so the loop allocates nothing.
 */
public interface StepCache {
}
