package org.rnnlab.spark;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
        String master = options.get(MASTER);
        if (master != null && !MASTER_URL.matcher(master).matches()) {
            throw new IllegalArgumentException("--master must be a Spark master URL (local, local[N], local[*], "
                    + "local[N,F] for F attempts per task, spark://HOST:PORT, yarn or k8s://...), found '" + master + "'");
        }
        return new SparkStudyEngine(master);
    }

    /**
     * The master URLs Spark 4 knows; checked here so that a misspelt one is a usage error before the study
     * folder is made, not an error of Spark's after.
     */
    private static final Pattern MASTER_URL = Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?]|local-cluster\\[.+]|spark://[^/\\s]+:[0-9]+(,[^/\\s]+:[0-9]+)*"
                    + "|yarn|k8s://\\S+");
}
