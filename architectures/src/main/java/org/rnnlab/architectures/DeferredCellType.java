package org.rnnlab.architectures;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.CellType;

/**
 * The base of the gru, indrnn, ugrnn and plus_rnn plugins: {@link AbstractPlugin} (defaults resolved
 * on first use, since cells name activations that ServiceLoader has not loaded yet) plus the
 * function that configures a copy.
 */
abstract class DeferredCellType extends AbstractPlugin<CellType> implements CellType {
    private final Function<Params, CellType> configured;

    /**
     * @param parameters what the cell accepts. Not modified.
     * @param params values already validated against {@code parameters}, or null for the defaults
     * @param configured the plugin with other values: what {@link #configure} returns
     */
    DeferredCellType(String name, String description, List<ParamSpec> parameters, Params params,
            Function<Params, CellType> configured) {
        super(name, description, parameters, params);
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    @Override
    public final CellType configure(Params p) {
        return configured.apply(p);
    }
}
