package org.rnnlab.spi;

/**
 * What an {@link Initializer} may know about the tensor it fills.
 *
 * @param role what the tensor does in its cell
 * @param gates how many gate blocks the tensor stacks along its rows (4 for LSTM's
 *     {@code weight_hh}, [4H x H]); 1 for an ungated tensor. Gate-aware initializers treat each
 *     block of {@code rows / gates} rows on its own.
 * @param vector whether the tensor is one-dimensional (stored as a column), such as a bias;
 *     a weight matrix with one column is not a vector
 */
public record InitContext(ParameterRole role, int gates, boolean vector) {

    public InitContext {
        if (gates < 1) {
            throw new IllegalArgumentException("gates must be >= 1, found " + gates);
        }
    }

    /** An ungated weight matrix in the given role. */
    public static InitContext matrix(ParameterRole role) {
        return new InitContext(role, 1, false);
    }

    /** An ungated vector in the given role. */
    public static InitContext vectorOf(ParameterRole role) {
        return new InitContext(role, 1, true);
    }
}
