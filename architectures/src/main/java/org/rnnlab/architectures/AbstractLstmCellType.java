package org.rnnlab.architectures;

import java.util.List;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;

/**
 * What the LSTM plugins share: their options (the gate activation σ and the cell activation φ) and
 * a {@link LstmCell} of their {@link LstmCell.Variant}. Package-private: users see the plugins.
 */
abstract class AbstractLstmCellType extends AbstractPlugin<CellType> implements CellType {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofPlugin("gateActivation", PluginKind.ACTIVATION, "sigmoid", "σ, the gates' nonlinearity"),
            ParamSpec.ofPlugin("cellActivation", PluginKind.ACTIVATION, "tanh",
                    "φ, the nonlinearity of the candidate g and of the cell state in h = o φ(c)"));

    private final LstmCell.Variant variant;

    /** @param params the configured values, or null for the defaults, resolved when first asked for */
    AbstractLstmCellType(String name, String description, LstmCell.Variant variant, Params params) {
        super(name, description, PARAMETERS, params);
        this.variant = variant;
    }

    @Override
    public final Cell create(int inputSize, int hiddenSize) {
        Params p = params();
        return new LstmCell(name(), variant, inputSize, hiddenSize, p.getPlugin("gateActivation", Activation.class),
                p.getPlugin("cellActivation", Activation.class));
    }
}
