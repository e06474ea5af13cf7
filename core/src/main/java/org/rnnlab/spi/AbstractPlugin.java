package org.rnnlab.spi;

import java.util.List;
import java.util.Objects;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;

/**
 * What most plugins hold the same way: a name, a description, the declared parameters and the
 * values this instance was configured with (kept for provenance and returned by {@link #params()}).
 * Extending it is optional; a plugin may implement its SPI directly.
 *
 * <pre>{@code
 * public final class Swish extends AbstractPlugin<Activation> implements Activation {
 *     static final List<ParamSpec> PARAMETERS = List.of(ParamSpec.ofDouble("beta", 1, Range.greaterThan(0), "slope"));
 *     public Swish() { this(Params.of(PARAMETERS, Map.of())); }
 *     private Swish(Params p) { super("swish", "x sigmoid(beta x)", PARAMETERS, p); }
 *     public Activation configure(Params p) { return new Swish(p); }
 *     ...
 * }
 * }</pre>
 *
 * @param <T> the plugin's SPI type
 */
public abstract class AbstractPlugin<T extends Plugin<T>> implements Plugin<T> {
    private final String name;
    private final String description;
    private final List<ParamSpec> parameters;
    private volatile Params params;

    /**
     * @param parameters what the plugin accepts. Not modified.
     * @param params this instance's values, already validated against {@code parameters}; or null for
     *     the defaults, resolved on first use. A plugin whose defaults name other plugins (a cell's
     *     activation) passes null from its no-argument constructor, because ServiceLoader creates it
     *     before the registry that resolves those names exists.
     */
    protected AbstractPlugin(String name, String description, List<ParamSpec> parameters, Params params) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.parameters = List.copyOf(parameters);
        this.params = params;
    }

    /** A plugin without parameters. */
    protected AbstractPlugin(String name, String description) {
        this(name, description, List.of(), Params.empty());
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
    public final Params params() {
        Params p = params;
        if (p == null) {
            p = Params.of(parameters, java.util.Map.of());
            params = p;
        }
        return p;
    }

    /** The name, and the values if there are any: {@code leaky_relu{slope=0.1}}. */
    @Override
    public String toString() {
        return params().asMap().isEmpty() ? name : name + params();
    }
}
