package org.rnnlab.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Constraint;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Plugin;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.spi.Task;

/**
 * One {@link PluginRegistry} for every {@link PluginKind}, filled from {@link ServiceLoader}.
 *
 * <pre>{@code
 * Registries registries = Registries.standard();
 * CellType lstm = registries.cells().get("lstm");
 * }</pre>
 *
 * <p>A plugin-valued parameter (a cell's activation) is resolved through the same instance, so
 * plugin modules find each other by name without depending on each other.
 */
public final class Registries {
    private static volatile Registries standard;

    private final Map<PluginKind<?>, PluginRegistry<?>> registries = new LinkedHashMap<>();

    private Registries() {
    }

    /**
     * The plugins visible to the class loader that loaded rnnlab, loaded once and shared.
     *
     * @throws PluginConflictException if two plugins of one kind share a name, or one cannot be loaded
     */
    public static Registries standard() {
        Registries r = standard;
        if (r == null) {
            synchronized (Registries.class) {
                r = standard;
                if (r == null) {
                    r = load(Registries.class.getClassLoader());
                    standard = r;
                }
            }
        }
        return r;
    }

    /** Loads every kind's plugins listed in {@code META-INF/services} files visible to {@code loader}. */
    public static Registries load(ClassLoader loader) {
        Registries r = new Registries();
        for (PluginKind<?> kind : PluginKind.ALL) {
            r.add(kind, loadAll(kind, loader));
        }
        return r;
    }

    /**
     * Registries holding exactly the given plugins, for tests and embedding without ServiceLoader.
     * Kinds not in the map are empty.
     */
    public static Registries of(Map<PluginKind<?>, List<? extends Plugin<?>>> plugins) {
        Registries r = new Registries();
        for (PluginKind<?> kind : PluginKind.ALL) {
            r.add(kind, plugins.getOrDefault(kind, List.of()));
        }
        return r;
    }

    private <T extends Plugin<T>> void add(PluginKind<T> kind, List<? extends Plugin<?>> plugins) {
        List<T> typed = new ArrayList<>();
        for (Plugin<?> p : plugins) {
            typed.add(kind.type().cast(p));
        }
        registries.put(kind, new PluginRegistry<>(kind, typed, this));
    }

    private static <T extends Plugin<T>> List<T> loadAll(PluginKind<T> kind, ClassLoader loader) {
        List<T> plugins = new ArrayList<>();
        try {
            for (T plugin : ServiceLoader.load(kind.type(), loader)) {
                plugins.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginConflictException("Could not load a " + kind.singular() + " plugin listed in "
                    + "META-INF/services/" + kind.type().getName() + ": " + e.getMessage(), e);
        }
        return plugins;
    }

    /** The registry of one kind. */
    @SuppressWarnings("unchecked")
    public <T extends Plugin<T>> PluginRegistry<T> registry(PluginKind<T> kind) {
        PluginRegistry<?> r = registries.get(kind);
        if (r == null) {
            throw new IllegalArgumentException("No registry for " + kind.plural() + "; kinds: " + registries.keySet());
        }
        return (PluginRegistry<T>) r;
    }

    public PluginRegistry<Activation> activations() {
        return registry(PluginKind.ACTIVATION);
    }

    public PluginRegistry<Initializer> initializers() {
        return registry(PluginKind.INITIALIZER);
    }

    public PluginRegistry<CellType> cells() {
        return registry(PluginKind.CELL);
    }

    public PluginRegistry<GradientTransform> gradientTransforms() {
        return registry(PluginKind.GRADIENT_TRANSFORM);
    }

    public PluginRegistry<Optimizer> optimizers() {
        return registry(PluginKind.OPTIMIZER);
    }

    public PluginRegistry<Constraint> constraints() {
        return registry(PluginKind.CONSTRAINT);
    }

    public PluginRegistry<Regularizer> regularizers() {
        return registry(PluginKind.REGULARIZER);
    }

    public PluginRegistry<Task> tasks() {
        return registry(PluginKind.TASK);
    }

    /** Every registry, in {@link PluginKind#ALL} order. */
    public List<PluginRegistry<?>> all() {
        return List.copyOf(registries.values());
    }
}
