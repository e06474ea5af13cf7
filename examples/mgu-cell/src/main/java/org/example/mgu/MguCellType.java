package org.example.mgu;

import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;

/**
 * The minimal gated unit (MGU) of Zhou, Wu, Zhang and Zhou 2016 ("Minimal gated unit for recurrent
 * neural networks", International Journal of Automation and Computing 13(3)): a GRU with its reset
 * and update gates merged into one gate f that both opens the state to the candidate and reads it:
 *
 * <pre>
 * f  = sigmoid(W_if x + W_hf h + b_f)
 * h~ = tanh(W_ic x + W_hc (f * h) + b_c)
 * h' = (1 - f) * h + f * h~
 * </pre>
 *
 * <p>The paper writes W_f [h, x] and W_h [f * h, x]; here each is split into an input and a
 * recurrent matrix, as PyTorch does for its cells, so a spec can initialize them apart. Found by
 * ServiceLoader under the name {@code mgu}; it has no options.
 */
public final class MguCellType implements CellType {

    @Override
    public String name() {
        return "mgu";
    }

    @Override
    public String description() {
        return "minimal gated unit (Zhou et al. 2016): h' = (1 - f) h + f tanh(W_ic x + W_hc (f h) + b_c)";
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(
                    "mgu sizes must be >= 1, found input " + inputSize + " and hidden " + hiddenSize);
        }
        return new MguCell(inputSize, hiddenSize);
    }
}
