package org.rnnlab.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.registry.TestActivationAccess;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Optimizer;

class RnnlabModuleTest {

    private static final Registries REGISTRIES = Registries.of(Map.of(PluginKind.ACTIVATION,
            List.of(new TestActivationAccess().create("tanh"), new TestActivationAccess().create("relu"))));

    /** What an application class would look like. */
    static final class NeedsActivations {
        final Map<String, Activation> byName;
        final PluginRegistry<Activation> registry;

        @Inject
        NeedsActivations(Map<String, Activation> byName, PluginRegistry<Activation> registry) {
            this.byName = byName;
            this.registry = registry;
        }
    }

    @Test
    void injectsPluginMapsAndRegistries() {
        Injector injector = Guice.createInjector(new RnnlabModule(REGISTRIES));
        NeedsActivations app = injector.getInstance(NeedsActivations.class);
        assertThat(app.byName).containsOnlyKeys("tanh", "relu");
        assertThat(app.byName.get("relu")).isSameAs(REGISTRIES.activations().get("relu"));
        assertThat(app.registry).isSameAs(REGISTRIES.activations());
        assertThat(injector.getInstance(Registries.class)).isSameAs(REGISTRIES);
    }

    @Test
    void everyKindIsBoundEvenWhenEmpty() {
        Injector injector = Guice.createInjector(new RnnlabModule(REGISTRIES));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, Optimizer>>() { }))).isEmpty();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<PluginRegistry<Optimizer>>() { })).names()).isEmpty();
    }

    @Test
    void defaultModuleBindsTheStandardRegistries() {
        Injector injector = Guice.createInjector(new RnnlabModule());
        assertThat(injector.getInstance(Registries.class)).isSameAs(Registries.standard());
    }
}
