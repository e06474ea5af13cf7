package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.spi.Plugin;

/** Checks every plugin passes, whatever its kind; the contract tests call them. */
public final class PluginChecks {
    private PluginChecks() {
    }

    /**
     * The name is well formed, the description is one non-blank line, the declared parameters have
     * distinct names, {@link Plugin#params()} holds exactly those, and configuring a plugin with its
     * own values gives a plugin of the same class with the same values.
     */
    public static <T extends Plugin<T>> void nameDescriptionAndParams(T plugin) {
        assertThat(plugin.name()).as("name").matches("[a-z][a-z0-9_]*");
        assertThat(plugin.description()).as("description of %s", plugin.name()).isNotBlank().doesNotContain("\n");
        List<String> declared = plugin.parameters().stream().map(ParamSpec::name).toList();
        assertThat(declared).as("parameter names of %s", plugin.name()).doesNotHaveDuplicates();
        assertThat(List.copyOf(plugin.params().asMap().keySet()))
                .as("params() of %s holds every declared parameter, in order", plugin.name())
                .isEqualTo(declared);
        if (declared.isEmpty()) {
            return;
        }
        T again = plugin.configure(Params.of(plugin.parameters(), specValues(plugin.params())));
        assertThat(again).as("%s configured with its own params()", plugin.name()).isExactlyInstanceOf(plugin.getClass());
        assertThat(again.params()).as("params() of %s after a round trip", plugin.name()).isEqualTo(plugin.params());
    }

    /**
     * The registry finds the plugin under its name, as an instance of the same class, and creates one
     * with the same params() from the plugin's own values, as a spec file would name them.
     */
    public static <T extends Plugin<T>> void discovered(T plugin, PluginRegistry<T> registry) {
        assertThat(registry.get(plugin.name())).as("%s found by name", plugin.name()).isExactlyInstanceOf(plugin.getClass());
        assertThat(registry.create(plugin.name(), specValues(plugin.params())).params())
                .as("%s created by the registry from its own values", plugin.name())
                .isEqualTo(plugin.params());
    }

    /** Values as a spec file writes them: a plugin-valued parameter becomes its name and its own values. */
    private static Map<String, Object> specValues(Params params) {
        Map<String, Object> values = new LinkedHashMap<>();
        params.asMap().forEach((name, value) -> {
            if (value instanceof Plugin<?> nested) {
                Map<String, Object> ref = new LinkedHashMap<>(specValues(nested.params()));
                ref.put("name", nested.name());
                values.put(name, ref);
            } else {
                values.put(name, value);
            }
        });
        return values;
    }
}
