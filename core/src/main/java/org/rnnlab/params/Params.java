package org.rnnlab.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;

/**
 * The validated parameter values of one configured plugin: every declared parameter has a value
 * (given or default), every value has its declared type and lies in its range.
 *
 * <p>Values arrive from spec files and command lines as {@code Number}, {@code Boolean},
 * {@code String} or, for a plugin-valued parameter, a name or a map with a {@code name} key and
 * that plugin's own parameters. {@link #resolve} checks them all and reports every problem at once.
 */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No parameters: for plugins that take none. */
    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    /**
     * Parameters checked and completed with defaults; for a plugin's
     * no-argument constructor and for tests ({@code Params.of(SPECS, Map.of("slope", 0.1))}).
     *
     * @throws InvalidSpecException listing every problem found
     */
    public static Params of(List<ParamSpec> specs, Map<String, ?> given) {
        return resolve(specs, given, "parameters", null);
    }

    /** Every parameter at its default. Plugin-valued defaults are resolved through {@code registries}. */
    public static Params defaults(List<ParamSpec> specs, Registries registries) {
        return resolve(specs, Map.of(), "defaults", registries);
    }

    /**
     * Checks {@code given} against {@code specs} and fills in defaults.
     *
     * @param specs the plugin's declared parameters. Not modified.
     * @param given the values a user set, by parameter name. Not modified.
     * @param path where the values came from, printed before each parameter name in errors
     *     ({@code model.layers[0].activation}); the plugin's name when there is no spec file
     * @param registries resolves plugin-valued parameters; null for {@link Registries#standard()}
     * @throws InvalidSpecException listing every problem found
     */
    public static Params resolve(List<ParamSpec> specs, Map<String, ?> given, String path, Registries registries) {
        List<String> problems = new ArrayList<>();
        Params params = resolve(specs, given, path, registries, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return params;
    }

    /** As {@link #resolve(List, Map, String, Registries)}, adding problems to a caller's list. */
    public static Params resolve(List<ParamSpec> specs, Map<String, ?> given, String path,
            Registries registries, List<String> problems) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            byName.put(spec.name(), spec);
        }
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                problems.add(unknownParameter(path, key, byName.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            boolean isGiven = given.containsKey(spec.name()) && given.get(spec.name()) != null;
            Object raw = isGiven ? given.get(spec.name()) : spec.defaultValue();
            Object value = convert(spec, raw, path + "." + spec.name(), registries, problems);
            if (value != null) {
                values.put(spec.name(), value);
            }
        }
        return new Params(values);
    }

    private static String unknownParameter(String path, String key, java.util.Set<String> known) {
        if (known.isEmpty()) {
            return path + " takes no parameters, found '" + key + "'";
        }
        String hint = Suggestions.closest(key, known).map(s -> "; did you mean '" + s + "'? Known").orElse("; known");
        return path + " has no parameter '" + key + "'" + hint + " parameters: " + String.join(", ", known);
    }

    private static Object convert(ParamSpec spec, Object raw, String where, Registries registries, List<String> problems) {
        switch (spec.type()) {
            case DOUBLE -> {
                Double d = asDouble(raw);
                if (d == null) {
                    problems.add(where + " must be a number, found " + show(raw));
                    return null;
                }
                if (!spec.range().contains(d)) {
                    problems.add(where + " must be " + spec.range() + ", found " + show(raw));
                    return null;
                }
                return d;
            }
            case INT -> {
                Double d = asDouble(raw);
                if (d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                    problems.add(where + " must be a whole number, found " + show(raw));
                    return null;
                }
                if (!spec.range().contains(d)) {
                    problems.add(where + " must be " + spec.range() + ", found " + show(raw));
                    return null;
                }
                return d.intValue();
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof String s && (s.equals("true") || s.equals("false"))) {
                    return Boolean.valueOf(s);
                }
                problems.add(where + " must be true or false, found " + show(raw));
                return null;
            }
            case STRING -> {
                if (raw instanceof String s) {
                    return s;
                }
                problems.add(where + " must be text, found " + show(raw));
                return null;
            }
            case CHOICE -> {
                if (raw instanceof String s && spec.choices().contains(s)) {
                    return s;
                }
                String hint = raw instanceof String s
                        ? Suggestions.closest(s, spec.choices()).map(c -> " (did you mean '" + c + "'?)").orElse("")
                        : "";
                problems.add(where + " must be one of " + spec.choices() + ", found " + show(raw) + hint);
                return null;
            }
            case PLUGIN -> {
                return resolvePlugin(spec.pluginKind(), raw, where, registries, problems);
            }
            default -> throw new AssertionError(spec.type());
        }
    }

    private static Object resolvePlugin(PluginKind<?> kind, Object raw, String where, Registries registries,
            List<String> problems) {
        String name;
        Map<String, Object> nested = new LinkedHashMap<>();
        if (raw instanceof String s) {
            name = s;
        } else if (raw instanceof Map<?, ?> m && m.get("name") instanceof String s) {
            name = s;
            m.forEach((k, v) -> {
                if (!"name".equals(k)) {
                    nested.put(String.valueOf(k), v);
                }
            });
        } else {
            problems.add(where + " must be the name of one of the " + kind.plural() + ", or an object with a \"name\" field, found "
                    + show(raw));
            return null;
        }
        Registries source = registries != null ? registries : Registries.standard();
        return source.registry(kind).create(name, nested, where, problems).orElse(null);
    }

    private static Double asDouble(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A value as it reads in an error message: strings quoted, whole numbers without ".0". */
    public static String show(Object raw) {
        if (raw == null) {
            return "nothing";
        }
        if (raw instanceof String s) {
            return "\"" + s + "\"";
        }
        if (raw instanceof Double d) {
            return Range.format(d);
        }
        if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
            return "a " + (raw instanceof Map<?, ?> ? "map" : "list") + " " + raw;
        }
        return String.valueOf(raw);
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public int getInt(String name) {
        return (Integer) require(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    /** The text of a {@link ParamType#STRING} parameter. */
    public String getString(String name) {
        return (String) require(name);
    }

    /** The chosen word of a {@link ParamType#CHOICE} parameter. */
    public String getChoice(String name) {
        return (String) require(name);
    }

    /** The configured plugin of a {@link ParamType#PLUGIN} parameter. */
    public <T> T getPlugin(String name, Class<T> type) {
        return type.cast(require(name));
    }

    /** The values by name, in declaration order; plugin values are configured plugins. Not modifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No parameter '" + name + "'; parameters: " + values.keySet());
        }
        return v;
    }

    /** Equal when every value is: configured plugins compare by name and their own parameters. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.comparable().equals(comparable());
    }

    @Override
    public int hashCode() {
        return comparable().hashCode();
    }

    private Map<String, Object> comparable() {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, v instanceof org.rnnlab.spi.Plugin<?> p ? List.of(p.name(), p.params()) : v));
        return m;
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof org.rnnlab.spi.Plugin<?> p ? p.name() : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
