package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Plugin;

/** The standard plugins plus test-only ones, injected where the code under test takes a {@link Registries}. */
public final class TestRegistries {
    private TestRegistries() {
    }

    /** Standard plugins plus the test-only task {@code toy_sum}. */
    public static Registries withTestTasks() {
        Map<PluginKind<?>, List<Plugin<?>>> extra = new LinkedHashMap<>();
        extra.put(PluginKind.TASK, List.of(new ToySumTask()));
        return with(extra);
    }

    /** Standard plugins plus the given ones. */
    public static Registries with(Map<PluginKind<?>, List<Plugin<?>>> extra) {
        Map<PluginKind<?>, List<? extends Plugin<?>>> all = new LinkedHashMap<>();
        for (PluginRegistry<?> r : Registries.standard().all()) {
            List<Plugin<?>> plugins = new ArrayList<>(r.plugins());
            plugins.addAll(extra.getOrDefault(r.kind(), List.of()));
            all.put(r.kind(), plugins);
        }
        return Registries.of(all);
    }
}
