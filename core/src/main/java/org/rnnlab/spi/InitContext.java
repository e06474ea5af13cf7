package org.rnnlab.spi;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link Initializer} may know about the tensor it fills.
 *
 * @param role what the tensor does in its cell
 * @param gates how many gate blocks the tensor stacks along its rows (4 for LSTM's
 *     {@code weight_hh}, [4H x H]); 1 for an ungated tensor. Gate-aware initializers treat each
 *     block of {@code rows / gates} rows on its own.
 * @param vector whether the tensor is one-dimensional (stored as a column), such as a bias;
 *     a weight matrix with one column is not a vector
 * @param parameter the parameter's name in its cell ({@code bias_ih}), or "" if unknown
 * @param gateNames the gate blocks' names in row order (LSTM: input, forget, cell, output), or
 *     empty if the cell does not name them; otherwise exactly {@code gates} names
 * @param layer the layer's index, from 0 at the bottom; 0 if unknown
 * @param layers how many recurrent layers the model has; 1 if unknown
 */
public record InitContext(ParameterRole role, int gates, boolean vector, String parameter, List<String> gateNames,
        int layer, int layers) {

    public InitContext {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(parameter, "parameter");
        gateNames = List.copyOf(gateNames);
        if (gates < 1) {
            throw new IllegalArgumentException("gates must be >= 1, found " + gates);
        }
        if (!gateNames.isEmpty() && gateNames.size() != gates) {
            throw new IllegalArgumentException("Need " + gates + " gate names, found " + gateNames);
        }
        if (layers < 1 || layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer must be in [0, " + layers + "), found " + layer);
        }
    }

    /** A tensor known only by role, gate count and dimensionality. */
    public InitContext(ParameterRole role, int gates, boolean vector) {
        this(role, gates, vector, "", List.of(), 0, 1);
    }

    /** An ungated weight matrix in the given role. */
    public static InitContext matrix(ParameterRole role) {
        return new InitContext(role, 1, false);
    }

    /** An ungated vector in the given role. */
    public static InitContext vectorOf(ParameterRole role) {
        return new InitContext(role, 1, true);
    }

    /** The index of the gate with this name, or -1. */
    public int gateIndex(String name) {
        return gateNames.indexOf(name);
    }

    /** Whether this tensor belongs to the top recurrent layer. */
    public boolean lastLayer() {
        return layer == layers - 1;
    }
}
