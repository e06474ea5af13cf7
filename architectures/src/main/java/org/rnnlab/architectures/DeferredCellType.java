package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.CellType;

/**
 * What the gru, indrnn, ugrnn and plus_rnn plugins hold the same way: name, description, declared
 * parameters and configured values, with the defaults resolved on first use. Cells name activations
 * as parameters, and ServiceLoader creates cell plugins before the activation registry exists, so
 * the no-argument instance cannot resolve "tanh" when it is built (core's {@code AbstractPlugin}
 * needs its values up front).
 */
abstract class DeferredCellType implements CellType {
    private final String name;
    private final String description;
    private final List<ParamSpec> parameters;
    private final Params params;
    private final Function<Params, CellType> configured;

    /**
     * @param parameters what the cell accepts. Not modified.
     * @param params values already validated against {@code parameters}, or null for the defaults
     * @param configured the plugin with other values: what {@link #configure} returns
     */
    DeferredCellType(String name, String description, List<ParamSpec> parameters, Params params,
            Function<Params, CellType> configured) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.parameters = List.copyOf(parameters);
        this.params = params;
        this.configured = Objects.requireNonNull(configured, "configured");
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
        return parameters;
    }

    @Override
    public final CellType configure(Params p) {
        return configured.apply(p);
    }

    @Override
    public final Params params() {
        return params != null ? params : Params.of(parameters, Map.of());
    }

    /** The name and values: {@code gru{resetAfter=true}}. */
    @Override
    public String toString() {
        return name + params();
    }
}
