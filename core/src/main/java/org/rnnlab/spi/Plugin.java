package org.rnnlab.spi;

import java.util.List;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;

/**
 * What every plugin has: a stable lower-case name, a one-line description and typed parameters.
 *
 * <p>Lifecycle: {@link java.util.ServiceLoader} creates one instance with the public no-argument
 * constructor; that instance is the plugin at its defaults and must be cheap to create. The registry
 * validates a user's values against {@link #parameters()} and calls {@link #configure} to get an
 * instance that uses them. Configured instances are immutable and may be shared between threads;
 * anything with per-run state (an optimizer's moments, a cell's buffers) is created from them.
 *
 * @param <T> the plugin's own SPI type, so {@code configure} returns it
 */
public interface Plugin<T extends Plugin<T>> {

    /** Stable lower-case name used in specs and on the command line: {@code [a-z][a-z0-9_]*}. */
    String name();

    /** One line for a person listing plugins. */
    String description();

    /** The parameters this plugin accepts, with defaults and allowed values. Empty for none. */
    default List<ParamSpec> parameters() {
        return List.of();
    }

    /**
     * Checks rules that span several parameters, which no single parameter's range can state
     * ({@code low < high}). The registry calls it before {@link #configure}, so every problem of a
     * spec is reported at once.
     *
     * @param params values that each passed their own parameter's rule
     * @param path where the plugin was named, to start each problem with ({@code model.layers[0].init.recurrent})
     * @param problems Modified: one sentence appended per problem, e.g. {@code path + ".low must be < high, found low 1 and high 0"}
     */
    default void check(Params params, String path, List<String> problems) {
    }

    /**
     * A plugin of the same kind that uses {@code params}, already validated against
     * {@link #parameters()} and {@link #check}. Plugins without parameters return themselves.
     *
     * @throws InvalidSpecException if called directly with values that {@link #check} would refuse
     */
    @SuppressWarnings("unchecked")
    default T configure(Params params) {
        if (!parameters().isEmpty()) {
            throw new UnsupportedOperationException(
                    getClass().getName() + " declares parameters and must override configure(Params)");
        }
        return (T) this;
    }

    /** The values this instance uses, for provenance; {@link Params#empty()} for a plugin without parameters. */
    default Params params() {
        return Params.empty();
    }
}
