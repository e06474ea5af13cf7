package org.rnnlab.diagnostics;

import java.util.List;

/**
 * The spectral radius and the largest singular value of every recurrent matrix of a model. For a
 * linear recurrence h_t = W h_{t-1} the gradient through k steps vanishes when the spectral radius
 * of W is below one and may explode when it is above; for h_t = f(W h_{t-1} + ...) with |f'| &lt;= γ,
 * a largest singular value below 1/γ is sufficient for vanishing and one above it necessary for
 * exploding (Pascanu, Mikolov, Bengio 2013, "On the difficulty of training recurrent neural
 * networks", ICML, Section 2.1). Orthogonal and identity initializations put every singular value
 * at one.
 *
 * @param blocks one entry per recurrent matrix or gate block, in the model's parameter order
 */
public record RecurrentSpectra(List<Block> blocks) {

    public RecurrentSpectra {
        blocks = List.copyOf(blocks);
    }

    /** The block named {@code name}, as {@code rnn.weight_hh_l0} or {@code rnn.weight_hh_l0[forget]}. */
    public Block block(String name) {
        for (Block b : blocks) {
            if (b.name.equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("No recurrent block '" + name + "'; measured "
                + blocks.stream().map(Block::name).toList());
    }

    /**
     * One recurrent matrix, or one gate block of a gated one, or a recurrent vector.
     *
     * <p>A parameter with role {@link org.rnnlab.spi.ParameterRole#RECURRENT_WEIGHT} and more than one
     * gate block ({@code weight_hh} of an LSTM, [4H x H]) gives one block per gate, each on its own,
     * named with the gate's name ({@code rnn.weight_hh_l0[forget]}, or its index when the cell names
     * none); an ungated one gives one block under its state_dict name. A recurrent vector (IndRNN's u,
     * which multiplies h element-wise, so acts as diag(u)) has max |u_i| as both numbers.
     *
     * @param name the state_dict name, with the gate's name in brackets for a gate block
     * @param layer the layer's index, 0 at the bottom
     * @param rows the block's rows (its length for a vector)
     * @param cols the block's columns (1 for a vector)
     * @param vector whether the block is a vector acting element-wise
     * @param spectralRadius max |λ_i| over the block's eigenvalues (EJML's eigen-decomposition); NaN
     *     for a block that is not square or not finite
     * @param largestSingularValue σ_max of the block, its spectral norm (EJML's SVD); NaN if an entry is
     *     NaN, +Infinity if one is infinite
     */
    public record Block(String name, int layer, int rows, int cols, boolean vector, double spectralRadius,
            double largestSingularValue) {
    }
}
