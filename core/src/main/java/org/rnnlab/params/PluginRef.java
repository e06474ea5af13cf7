package org.rnnlab.params;

import java.util.Map;
import java.util.Objects;

/**
 * A plugin named with the parameter values to configure it with, as a spec writes it:
 * {@code {"name": "uniform", "low": -0.1, "high": 0.1}}. Resolved through a registry.
 *
 * @param name the plugin's name
 * @param values parameter values by name; missing ones take their defaults
 */
public record PluginRef(String name, Map<String, Object> values) {

    public PluginRef {
        Objects.requireNonNull(name, "name");
        values = Map.copyOf(values);
    }

    /** A plugin at its defaults. */
    public static PluginRef of(String name) {
        return new PluginRef(name, Map.of());
    }

    public static PluginRef of(String name, Map<String, Object> values) {
        return new PluginRef(name, values);
    }
}
