package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;

/**
 * What the LSTM plugins share: their options (the gate activation σ and the cell activation φ) and
 * a {@link LstmCell} of their {@link LstmCell.Variant}. Package-private: users see the plugins.
 */
abstract class AbstractLstmCellType implements CellType {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofPlugin("gateActivation", PluginKind.ACTIVATION, "sigmoid", "σ, the gates' nonlinearity"),
            ParamSpec.ofPlugin("cellActivation", PluginKind.ACTIVATION, "tanh",
                    "φ, the nonlinearity of the candidate g and of the cell state in h = o φ(c)"));

    private final String name;
    private final String description;
    private final LstmCell.Variant variant;
    private final Params params;

    /** @param params the configured values, or null for the defaults, resolved when first asked for */
    AbstractLstmCellType(String name, String description, LstmCell.Variant variant, Params params) {
        this.name = name;
        this.description = description;
        this.variant = variant;
        this.params = params;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    /** The defaults are resolved lazily: ServiceLoader creates this plugin before activations are known. */
    @Override
    public final Params params() {
        return params != null ? params : Params.of(PARAMETERS, Map.of());
    }

    @Override
    public final Cell create(int inputSize, int hiddenSize) {
        Params p = params();
        return new LstmCell(name, variant, inputSize, hiddenSize, p.getPlugin("gateActivation", Activation.class),
                p.getPlugin("cellActivation", Activation.class));
    }
}
