package org.rnnlab.architectures;

import org.rnnlab.params.Params;
import org.rnnlab.spi.CellType;

/**
 * LSTM with peephole connections, after Gers, Schraudolph and Schmidhuber, "Learning precise timing
 * with LSTM recurrent networks", Journal of Machine Learning Research 3, 2002: the gates also see
 * the cell state, through one weight per unit (a vector, not a matrix). The input and forget gates
 * see the previous cell state; the output gate sees the new one.
 *
 * <pre>
 * i  = σ(x W_iiᵀ + b_ii + h W_hiᵀ + b_hi + w_ci * c)
 * f  = σ(x W_ifᵀ + b_if + h W_hfᵀ + b_hf + w_cf * c)
 * g  = φ(x W_igᵀ + b_ig + h W_hgᵀ + b_hg)
 * c' = f * c + i * g
 * o  = σ(x W_ioᵀ + b_io + h W_hoᵀ + b_ho + w_co * c')
 * h' = o * φ(c')
 * </pre>
 *
 * As {@link LstmCellType} in everything else: options {@code gateActivation} σ (default sigmoid)
 * and {@code cellActivation} φ (default tanh); state [h, c]; output h'; {@code weight_ih},
 * {@code weight_hh}, {@code bias_ih}, {@code bias_hh} in PyTorch's layout with gate blocks
 * {@code input}, {@code forget}, {@code cell}, {@code output}. The peepholes are
 * {@code weight_ci}, {@code weight_cf} and {@code weight_co}, each [H] (PyTorch has no such cell;
 * the names follow its {@code weight_*} pattern).
 *
 * <p>The peepholes have the role {@code other}, not {@code recurrent}: a spec's recurrent
 * initializer (orthogonal, identity) is meant for the square blocks of {@code weight_hh} and
 * refuses vectors, and Pascanu et al.'s rescaling of recurrent weights concerns the matrix. A spec
 * reaches them by the key {@code other} or by name. By default they are uniform in ±1/sqrt(H),
 * like every other parameter, so the cell starts out as PyTorch's would plus peepholes of the
 * same scale; a spec asking for zeros starts it as a plain LSTM.
 */
public final class LstmPeepholeCellType extends AbstractLstmCellType {

    /** The plugin at its defaults: sigmoid gates, tanh cell. */
    public LstmPeepholeCellType() {
        this(null);
    }

    private LstmPeepholeCellType(Params params) {
        super("lstm_peephole", "LSTM with peephole vectors (Gers et al. 2002): i and f see c, o sees c'",
                LstmCell.Variant.PEEPHOLE, params);
    }

    @Override
    public CellType configure(Params params) {
        return new LstmPeepholeCellType(params);
    }
}
