package org.rnnlab.architectures;

import org.rnnlab.params.Params;
import org.rnnlab.spi.CellType;

/**
 * Long short-term memory as PyTorch's nn.LSTM: the cell of Hochreiter and Schmidhuber, "Long
 * short-term memory", Neural Computation 9(8), 1997, with the forget gate of Gers, Schmidhuber and
 * Cummins, "Learning to forget: continual prediction with LSTM", Neural Computation 12(10), 2000.
 *
 * <pre>
 * i  = σ(x W_iiᵀ + b_ii + h W_hiᵀ + b_hi)      input gate
 * f  = σ(x W_ifᵀ + b_if + h W_hfᵀ + b_hf)      forget gate
 * g  = φ(x W_igᵀ + b_ig + h W_hgᵀ + b_hg)      candidate
 * o  = σ(x W_ioᵀ + b_io + h W_hoᵀ + b_ho)      output gate
 * c' = f * c + i * g
 * h' = o * φ(c')
 * </pre>
 *
 * σ is the option {@code gateActivation} (default sigmoid) and φ the option
 * {@code cellActivation} (default tanh); * is the element-wise product. The state is h and c
 * ({@link org.rnnlab.spi.Cell#stateNames()} = [h, c]), each [batch x H]; the output is h'.
 *
 * <p>Parameters, in PyTorch's layout and with its names: {@code weight_ih} [4H x I] stacks
 * W_ii, W_if, W_ig, W_io along the rows, {@code weight_hh} [4H x H] the recurrent blocks in the same
 * order, {@code bias_ih} and {@code bias_hh} [4H] the biases. The gate blocks are named
 * {@code input}, {@code forget}, {@code cell}, {@code output}, so a spec can initialize one gate
 * ({@code "bias_ih.forget": {"name": "constant", "value": 1}}, the forget-gate bias of Gers et al.
 * and of Jozefowicz, Zaremba and Sutskever 2015). By default every parameter is uniform in
 * ±1/sqrt(H), as in PyTorch; weights therefore move between rnnlab and a PyTorch module whose
 * nn.LSTM attribute is called {@code rnn} under the same state_dict names.
 */
public final class LstmCellType extends AbstractLstmCellType {

    /** The plugin at its defaults: sigmoid gates, tanh cell. */
    public LstmCellType() {
        this(null);
    }

    private LstmCellType(Params params) {
        super("lstm", "LSTM as PyTorch's nn.LSTM: gates i, f, g, o; c' = f c + i g, h' = o tanh(c')",
                LstmCell.Variant.STANDARD, params);
    }

    @Override
    public CellType configure(Params params) {
        return new LstmCellType(params);
    }
}
