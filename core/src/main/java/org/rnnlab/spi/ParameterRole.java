package org.rnnlab.spi;

/**
 * What a parameter does in a cell, so a spec can give each role its own initializer and
 * transforms can find the recurrent weights (Pascanu et al.'s fallback rescales only those).
 */
public enum ParameterRole {
    /** Weights applied to the layer's input, PyTorch's {@code weight_ih}. */
    INPUT_WEIGHT,
    /** Weights applied to the previous state, PyTorch's {@code weight_hh}; IndRNN's vector u. */
    RECURRENT_WEIGHT,
    /** Additive biases, PyTorch's {@code bias_ih} and {@code bias_hh}. */
    BIAS,
    /** Anything else: peepholes, input projections, the readout. */
    OTHER
}
