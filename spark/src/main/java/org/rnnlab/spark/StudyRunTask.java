package org.rnnlab.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.rnnlab.experiments.study.PlannedRun;
import org.rnnlab.experiments.study.ResultRow;
import org.rnnlab.experiments.study.StudyListener;
import org.rnnlab.experiments.study.StudyRunner;
import org.rnnlab.registry.Registries;

/**
 * One run of a study as a Spark task: what an executor needs to train it, and the training itself.
 *
 * @param index the run's index in the study's plan
 * @param id the run's id ({@code 0007})
 * @param variant the run's variant, or null
 * @param values the run's axis values
 * @param seed the run's seed
 * @param experimentTree the run's experiment spec tree
 */
record StudyRunTask(int index, String id, String variant, LinkedHashMap<String, Object> values, long seed,
        LinkedHashMap<String, Object> experimentTree) implements Serializable {

    /** Each executor's plugins, by the class loader that sees the application's jars. */
    private static final Map<ClassLoader, Registries> REGISTRIES = new WeakHashMap<>();

    static StudyRunTask of(int index, PlannedRun run, Map<String, Object> experimentTree) {
        return new StudyRunTask(index, run.id(), run.variant(), new LinkedHashMap<>(run.values()), run.seed(),
                new LinkedHashMap<>(experimentTree));
    }

    PlannedRun plannedRun() {
        return new PlannedRun(id, variant, values, seed);
    }

    /**
     * Trains the run into a temporary folder on this executor and gives its row with the folder's
     * archive. A run that fails throws {@link StudyRunFailedException}, so that Spark retries it as configured.
     */
    StudyRunOutput train() throws IOException, StudyRunFailedException {
        Path temp = Files.createTempDirectory("rnnlab-run-");
        try {
            Path folder = temp.resolve(id);
            ResultRow row = StudyRunner.train(plannedRun(), experimentTree, registries(), folder, new StudyListener() {
            });
            byte[] archive = Files.isDirectory(folder) ? RunArchive.zip(folder) : null;
            if (row.status().equals(ResultRow.FAILED)) {
                throw new StudyRunFailedException(row, archive);
            }
            return new StudyRunOutput(row, archive);
        } finally {
            RunArchive.deleteRecursively(temp);
        }
    }

    /**
     * The plugins the task's class loader sees: on an executor that is the loader of the application's
     * jars ({@code spark.jars}, {@code --jars}), which holds a researcher's own plugin modules.
     */
    private static Registries registries() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            return Registries.standard();
        }
        synchronized (REGISTRIES) {
            return REGISTRIES.computeIfAbsent(loader, Registries::load);
        }
    }
}
