package org.rnnlab.params;

import java.util.List;
import java.util.Objects;
import org.rnnlab.registry.PluginKind;

/**
 * One parameter a plugin accepts: its name, type, default, allowed values and a one-line
 * description. Built with the static factories; {@code Params.resolve} validates values against it.
 *
 * <pre>{@code
 * ParamSpec.ofDouble("slope", 0.01, Range.closedOpen(0, 1), "slope for x < 0")
 * }</pre>
 *
 * @param name lower camel case, as written in a spec file
 * @param type the value's type
 * @param defaultValue the value used when a spec leaves the parameter out; a {@code Double},
 *     {@code Integer}, {@code Boolean} or {@code String} according to {@code type}
 * @param range the allowed interval for numbers; {@link Range#any()} for other types
 * @param choices the allowed words for {@link ParamType#CHOICE}; empty otherwise
 * @param pluginKind the kind of plugin a {@link ParamType#PLUGIN} parameter names; null otherwise
 * @param description one line for a person reading {@code rnnlab plugins}
 */
public record ParamSpec(
        String name,
        ParamType type,
        Object defaultValue,
        Range range,
        List<String> choices,
        PluginKind<?> pluginKind,
        String description) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("Parameter names are lower camel case, found '" + name + "'");
        }
        if (type == ParamType.CHOICE && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException(
                    "Default of '" + name + "' must be one of " + choices + ", found " + defaultValue);
        }
        if (type == ParamType.PLUGIN && pluginKind == null) {
            throw new IllegalArgumentException("Plugin parameter '" + name + "' needs a plugin kind");
        }
        if ((type == ParamType.DOUBLE || type == ParamType.INT)
                && !range.contains(((Number) defaultValue).doubleValue())) {
            throw new IllegalArgumentException(
                    "Default of '" + name + "' must be " + range + ", found " + defaultValue);
        }
    }

    public static ParamSpec ofDouble(String name, double defaultValue, Range range, String description) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, range, List.of(), null, description);
    }

    public static ParamSpec ofInt(String name, int defaultValue, Range range, String description) {
        return new ParamSpec(name, ParamType.INT, defaultValue, range, List.of(), null, description);
    }

    public static ParamSpec ofBoolean(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOLEAN, defaultValue, Range.any(), List.of(), null, description);
    }

    /** Free text, such as a directory; the default may be "" for none. */
    public static ParamSpec ofString(String name, String defaultValue, String description) {
        return new ParamSpec(name, ParamType.STRING, defaultValue, Range.any(), List.of(), null, description);
    }

    public static ParamSpec ofChoice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, Range.any(), choices, null, description);
    }

    /** A parameter naming another plugin, e.g. a cell's activation. */
    public static ParamSpec ofPlugin(String name, PluginKind<?> kind, String defaultName, String description) {
        return new ParamSpec(name, ParamType.PLUGIN, defaultName, Range.any(), List.of(), kind, description);
    }

    /** The allowed values as a person reads them: {@code "> 0"}, {@code "one of [a, b]"}. */
    public String allowed() {
        return switch (type) {
            case DOUBLE, INT -> range.toString();
            case BOOLEAN -> "true or false";
            case STRING -> "text";
            case CHOICE -> "one of " + choices;
            case PLUGIN -> "the name of one of the " + pluginKind.plural();
        };
    }
}
