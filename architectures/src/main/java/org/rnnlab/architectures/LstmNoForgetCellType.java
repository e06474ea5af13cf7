package org.rnnlab.architectures;

import org.rnnlab.params.Params;
import org.rnnlab.spi.CellType;

/**
 * The LSTM of Hochreiter and Schmidhuber, "Long short-term memory", Neural Computation 9(8), 1997,
 * before the forget gate: the cell state is a constant error carousel that only accumulates.
 *
 * <pre>
 * i  = σ(x W_iiᵀ + b_ii + h W_hiᵀ + b_hi)
 * g  = φ(x W_igᵀ + b_ig + h W_hgᵀ + b_hg)
 * o  = σ(x W_ioᵀ + b_io + h W_hoᵀ + b_ho)
 * c' = c + i * g
 * h' = o * φ(c')
 * </pre>
 *
 * dc'/dc is the identity, so gradients pass through the cell state undiminished over any span;
 * the price is a cell state that can grow without bound over long inputs, which is why Gers,
 * Schmidhuber and Cummins (2000) added the forget gate ({@link LstmCellType}).
 *
 * <p>Parameters as {@link LstmCellType} without the forget gate's blocks: {@code weight_ih}
 * [3H x I], {@code weight_hh} [3H x H], {@code bias_ih} and {@code bias_hh} [3H], gate blocks
 * {@code input}, {@code cell}, {@code output} in that row order; uniform in ±1/sqrt(H) by default.
 * Options {@code gateActivation} σ (default sigmoid) and {@code cellActivation} φ (default tanh).
 * Where the 1997 paper differs, this follows the later standard: it squashed g into [-2, 2] and
 * φ(c) into [-1, 1] with scaled sigmoids (here φ serves both, tanh by default), and truncated the
 * gradient at the gates' recurrent inputs (here the gradient is exact).
 */
public final class LstmNoForgetCellType extends AbstractLstmCellType {

    /** The plugin at its defaults: sigmoid gates, tanh cell. */
    public LstmNoForgetCellType() {
        this(null);
    }

    private LstmNoForgetCellType(Params params) {
        super("lstm_noforget", "LSTM of Hochreiter and Schmidhuber 1997, no forget gate: c' = c + i g",
                LstmCell.Variant.NO_FORGET, params);
    }

    @Override
    public CellType configure(Params params) {
        return new LstmNoForgetCellType(params);
    }
}
