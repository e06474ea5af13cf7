package org.rnnlab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rnnlab.inject.RnnlabModule;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.CellType;

/**
 * The exact set of plugins on the full classpath: a plugin that is not registered, or registered
 * twice, or renamed, fails here.
 */
class PluginCatalogTest {

    @Test
    void exactlyTheseAreDiscovered() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (PluginRegistry<?> registry : Registries.standard().all()) {
            found.put(registry.kind().plural(), List.copyOf(registry.names()));
        }
        assertThat(found).containsExactly(
                Map.entry("activations", List.of("elu", "hard_sigmoid", "hard_tanh", "identity", "leaky_relu", "relu",
                        "sigmoid", "softplus", "softsign", "tanh")),
                Map.entry("initializers", List.of("chrono", "constant", "glorot_normal", "glorot_uniform", "he_normal",
                        "he_uniform", "identity", "indrnn_uniform", "normal", "orthogonal", "sparse_spectral", "spectral",
                        "uniform", "zeros")),
                Map.entry("cells", List.of("gru", "indrnn", "lstm", "lstm_noforget", "lstm_peephole", "plus_rnn", "rnn", "ugrnn")),
                Map.entry("gradient transforms", List.of("clip_global_norm", "clip_norm", "clip_value", "non_finite")),
                Map.entry("optimizers", List.of("adagrad", "adam", "rmsprop", "sgd")),
                Map.entry("constraints", List.of("clamp")),
                Map.entry("regularizers", List.of("pascanu_omega")),
                Map.entry("tasks", List.of("adding", "copy", "memorization", "multiplication", "npy",
                        "random_permutation", "sequential_mnist", "temporal_order", "temporal_order_3bit")));
    }

    @Test
    void everyPluginDescribesItselfAndItsParameters() {
        for (PluginRegistry<?> registry : Registries.standard().all()) {
            for (var plugin : registry.plugins()) {
                assertThat(plugin.description()).as("description of %s", plugin.name()).isNotBlank().doesNotContain("\n");
                for (var p : plugin.parameters()) {
                    assertThat(p.description()).as("%s.%s", plugin.name(), p.name()).isNotBlank();
                }
                assertThat(new TreeSet<>(plugin.parameters().stream().map(s -> s.name()).toList()))
                        .as("parameter names of %s are unique", plugin.name()).hasSize(plugin.parameters().size());
            }
        }
    }

    @Test
    void guiceInjectsEveryModulesPlugins() {
        var injector = Guice.createInjector(new RnnlabModule());
        Map<String, Activation> activations = injector.getInstance(Key.get(new TypeLiteral<Map<String, Activation>>() { }));
        Map<String, CellType> cells = injector.getInstance(Key.get(new TypeLiteral<Map<String, CellType>>() { }));
        assertThat(activations).containsKeys("tanh", "relu");
        assertThat(cells).containsOnlyKeys("gru", "indrnn", "lstm", "lstm_noforget", "lstm_peephole", "plus_rnn", "rnn", "ugrnn");
        assertThat(injector.getInstance(Key.get(new TypeLiteral<PluginRegistry<CellType>>() { })).kind())
                .isEqualTo(PluginKind.CELL);
    }
}
