package org.rnnlab.registry;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.params.PluginRef;
import org.rnnlab.params.Suggestions;
import org.rnnlab.spi.Plugin;

/**
 * The plugins of one kind, by name. Obtained from {@link Registries}.
 *
 * <pre>{@code
 * Activation relu = Registries.standard().activations().get("relu");
 * Activation leaky = Registries.standard().activations().create("leaky_relu", Map.of("slope", 0.1));
 * }</pre>
 *
 * @param <T> the SPI type
 */
public final class PluginRegistry<T extends Plugin<T>> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final PluginKind<T> kind;
    private final SortedMap<String, T> byName;
    private final Registries owner;

    PluginRegistry(PluginKind<T> kind, List<T> plugins, Registries owner) {
        this.kind = kind;
        this.owner = owner;
        SortedMap<String, T> map = new TreeMap<>();
        for (T plugin : plugins) {
            String name = plugin.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new PluginConflictException("The " + kind.singular() + " plugin " + plugin.getClass().getName()
                        + " from " + locationOf(plugin.getClass()) + " is named " + (name == null ? "null" : "'" + name + "'")
                        + "; plugin names are lower-case letters, digits and '_', starting with a letter.");
            }
            T previous = map.putIfAbsent(name, plugin);
            if (previous != null) {
                throw new PluginConflictException("Two " + kind.singular() + " plugins are named '" + name + "': "
                        + previous.getClass().getName() + " from " + locationOf(previous.getClass()) + " and "
                        + plugin.getClass().getName() + " from " + locationOf(plugin.getClass())
                        + ". Remove one of them from the classpath or rename one.");
            }
        }
        this.byName = Collections.unmodifiableSortedMap(map);
    }

    public PluginKind<T> kind() {
        return kind;
    }

    /** The names of every plugin of this kind, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /** Every plugin of this kind at its defaults, sorted by name. */
    public List<T> plugins() {
        return List.copyOf(byName.values());
    }

    /** Every plugin of this kind at its defaults, by name, sorted. Not modifiable. */
    public SortedMap<String, T> asMap() {
        return byName;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The plugin at its defaults, if one has this name. */
    public Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The plugin at its defaults.
     *
     * @throws UnknownPluginException naming the known plugins and the closest match
     */
    public T get(String name) {
        T plugin = byName.get(name);
        if (plugin == null) {
            String message = unknownMessage(name);
            throw new UnknownPluginException(Character.toUpperCase(message.charAt(0)) + message.substring(1));
        }
        return plugin;
    }

    /**
     * The plugin configured with {@code values}; missing parameters take their defaults.
     *
     * @throws UnknownPluginException if no plugin has this name
     * @throws InvalidSpecException listing every bad parameter
     */
    public T create(String name, Map<String, ?> values) {
        get(name);
        List<String> problems = new ArrayList<>();
        return create(name, values, name, problems).orElseThrow(() -> new InvalidSpecException(problems));
    }

    /** {@link #create(String, Map)} of a reference. */
    public T create(PluginRef ref) {
        return create(ref.name(), ref.values());
    }

    /**
     * As {@link #create(String, Map)}, but every problem, an unknown name among them, is added to
     * {@code problems} with {@code path} in front, and nothing is thrown for them.
     *
     * @param path where the plugin was named in a spec ({@code model.layers[0].activation})
     * @param problems Modified: problems are appended
     * @return the configured plugin, or empty if there were problems
     */
    public Optional<T> create(String name, Map<String, ?> values, String path, List<String> problems) {
        return create(name, values, path, path, problems);
    }

    /**
     * As {@link #create(String, Map, String, List)}, for a spec that names the plugin in one field and
     * gives its parameters in another ({@code model.layers[0].cell} and {@code model.layers[0].options}).
     *
     * @param namePath where the name was given, for an unknown name
     * @param valuesPath where the values were given, for bad values
     */
    public Optional<T> create(String name, Map<String, ?> values, String namePath, String valuesPath,
            List<String> problems) {
        T plugin = byName.get(name);
        if (plugin == null) {
            problems.add(namePath + ": " + unknownMessage(name));
            return Optional.empty();
        }
        int before = problems.size();
        Params params = Params.resolve(plugin.parameters(), values, valuesPath, owner, problems);
        if (problems.size() == before) {
            plugin.check(params, valuesPath, problems);
        }
        return problems.size() == before ? Optional.of(configure(plugin, params)) : Optional.empty();
    }

    private T configure(T plugin, Params params) {
        return plugin.parameters().isEmpty() ? plugin : plugin.configure(params);
    }

    private String unknownMessage(String name) {
        String known = byName.isEmpty() ? "none are on the classpath" : String.join(", ", byName.keySet());
        String hint = Suggestions.closest(String.valueOf(name), byName.keySet())
                .map(s -> "; did you mean '" + s + "'? Known ")
                .orElse("; known ");
        return "unknown " + kind.singular() + " '" + name + "'" + hint + kind.plural() + ": " + known;
    }

    /** The jar or folder a class was loaded from, as a path; for messages. */
    static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null) {
            return "an unknown location";
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return url.toString();
        }
    }

    @Override
    public String toString() {
        return kind.plural() + " " + new ArrayList<>(byName.keySet());
    }
}
