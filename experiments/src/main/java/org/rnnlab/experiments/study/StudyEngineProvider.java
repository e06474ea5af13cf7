package org.rnnlab.experiments.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Supplies a {@link StudyEngine} by name, for {@code rnnlab study --engine NAME}; found with
 * {@link ServiceLoader} ({@code META-INF/services/org.rnnlab.experiments.study.StudyEngineProvider}), so an
 * engine with heavy dependencies lives in a module of its own and is loaded only when asked for. The
 * local pool of workers is built in and is not a provider.
 */
public interface StudyEngineProvider {
    /** The name the local pool of workers goes by. */
    String LOCAL = "local";

    /** The engine's name, lower case. */
    String name();

    /**
     * A new engine.
     *
     * @param options the engine's settings by name (for the spark engine: {@code master})
     * @throws IllegalArgumentException naming an option the engine does not know, and those it knows
     */
    StudyEngine create(Map<String, String> options);

    /**
     * The provider of the named engine on the class path.
     *
     * @throws IllegalArgumentException if there is none, naming the engines there are
     */
    static StudyEngineProvider find(String name) {
        List<StudyEngineProvider> found = new ArrayList<>();
        TreeSet<String> known = new TreeSet<>(List.of(LOCAL));
        for (StudyEngineProvider p : ServiceLoader.load(StudyEngineProvider.class)) {
            known.add(p.name());
            if (p.name().equals(name)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("Unknown study engine '" + name + "'; known engines: "
                    + String.join(", ", known) + (name.equals("spark") ? ". The spark engine is in the spark module: "
                    + "run ./rnnlab from a clone of rnnlab (it adds the module when --engine spark is given) or "
                    + "see docs/cluster.md" : ""));
        }
        return found.get(0);
    }
}
