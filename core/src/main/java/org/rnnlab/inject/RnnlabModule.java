package org.rnnlab.inject;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.util.Objects;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Plugin;

/**
 * Binds {@link Registries}, each {@code PluginRegistry<T>} and each {@code Map<String, T>} of plugins
 * (a {@link MapBinder} fed from {@link java.util.ServiceLoader}), so an application injects them.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new RnnlabModule());
 * Map<String, Activation> activations =
 *         injector.getInstance(Key.get(new TypeLiteral<Map<String, Activation>>() {}));
 * }</pre>
 */
public final class RnnlabModule extends AbstractModule {
    private final Registries registries;

    /** Binds the plugins of {@link Registries#standard()}. */
    public RnnlabModule() {
        this(Registries.standard());
    }

    /** Binds the plugins of the given registries. */
    public RnnlabModule(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
    }

    @Override
    protected void configure() {
        bind(Registries.class).toInstance(registries);
        for (PluginKind<?> kind : PluginKind.ALL) {
            bindKind(kind);
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends Plugin<T>> void bindKind(PluginKind<T> kind) {
        PluginRegistry<T> registry = registries.registry(kind);
        TypeLiteral<PluginRegistry<T>> registryType =
                (TypeLiteral<PluginRegistry<T>>) TypeLiteral.get(Types.newParameterizedType(PluginRegistry.class, kind.type()));
        bind(registryType).toInstance(registry);
        MapBinder<String, T> map = MapBinder.newMapBinder(binder(), String.class, kind.type());
        for (T plugin : registry.plugins()) {
            map.addBinding(plugin.name()).toInstance(plugin);
        }
    }
}
