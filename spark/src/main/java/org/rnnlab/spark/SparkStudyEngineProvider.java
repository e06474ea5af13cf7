package org.rnnlab.spark;

import java.util.Map;
import java.util.TreeSet;
import org.rnnlab.experiments.study.StudyEngine;
import org.rnnlab.experiments.study.StudyEngineProvider;

/**
 * {@code rnnlab study --engine spark [--master URL]}. Cheap to load: no Spark class is touched until the
 * engine trains.
 */
public final class SparkStudyEngineProvider implements StudyEngineProvider {
    /** The engine's name. */
    public static final String NAME = "spark";
    /** The option that names Spark's master URL. */
    public static final String MASTER = "master";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StudyEngine create(Map<String, String> options) {
        TreeSet<String> unknown = new TreeSet<>(options.keySet());
        unknown.remove(MASTER);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The spark engine has no option " + String.join(", ", unknown)
                    + "; its options: " + MASTER);
        }
        return new SparkStudyEngine(options.get(MASTER));
    }
}
