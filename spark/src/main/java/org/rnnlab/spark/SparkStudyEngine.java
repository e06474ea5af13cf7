package org.rnnlab.spark;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.study.ResultRow;
import org.rnnlab.experiments.study.Study;
import org.rnnlab.experiments.study.StudyEngine;
import org.rnnlab.experiments.study.StudyListener;
import org.rnnlab.experiments.study.StudyRunner;
import org.rnnlab.registry.Registries;

/**
 * Trains a study's runs on Apache Spark, one Spark task per run ({@link SparkTasks}).
 *
 * <p>An executor trains its run into a temporary folder and sends back the run's results row and the
 * folder as a zip ({@link RunArchive}); the driver writes {@code runs/<id>/} and only then hands the
 * row to the runner, which appends the journal line. So a cluster needs no shared file system, a run
 * counts as finished exactly when it would on the local pool, and {@code --resume} works the same. A
 * run's row is made by {@link StudyRunner#train}, as on the local pool, and every random draw of a run
 * comes from its seed, so a study's results are the same on either engine (but for wall times). A run
 * whose training throws fails its task; Spark retries it ({@code spark.task.maxFailures}, or
 * {@code local[N,F]}), and when every attempt fails the run is recorded as {@code failed} with its
 * error; so is a run whose task Spark gives up on for another reason (an executor lost too often).
 *
 * <p>Executors find plugins with {@link org.rnnlab.registry.Registries#load} on the task's class loader,
 * the one that holds the application's jars, not with the registries given to the study runner.
 */
public final class SparkStudyEngine implements StudyEngine {
    /** The master when none is given: Spark embedded in this process, with a task slot per core. */
    public static final String EMBEDDED = "local[*]";

    private final String master;
    private final JavaSparkContext context;

    /** @param master Spark's master URL, or null for the one Spark's configuration gives (spark-submit), else embedded */
    public SparkStudyEngine(String master) {
        this.master = master;
        this.context = null;
    }

    /**
     * Trains on a Spark context the caller owns, for a program that runs several studies or embeds
     * Spark already; the context is left running.
     */
    public SparkStudyEngine(JavaSparkContext context) {
        this.master = null;
        this.context = java.util.Objects.requireNonNull(context, "context");
    }

    @Override
    public void train(Study study, List<Integer> runs, Path directory, StudyListener listener, Finished finished)
            throws IOException {
        if (runs.isEmpty()) {
            return;
        }
        List<StudyRunTask> tasks = new ArrayList<>(runs.size());
        for (int index : runs) {
            tasks.add(StudyRunTask.of(index, study.plan().runs().get(index), study.experimentTree(index)));
        }
        Registries registries = Registries.standard();
        Path runFolders = directory.resolve(StudyRunner.RUNS);
        JavaSparkContext own = context == null ? new JavaSparkContext(configuration(study)) : null;
        try {
            SparkTasks.run(context == null ? own : context, tasks, StudyRunTask::train, new SparkTasks.Outcomes<StudyRunOutput>() {
                @Override
                public void started(int i) {
                    StudyRunTask task = tasks.get(i);
                    listener.runStarted(task.plannedRun(), budget(task, registries));
                }

                @Override
                public void finished(int i, StudyRunOutput output) throws IOException {
                    record(tasks.get(i), output.row(), output.archive());
                }

                @Override
                public void failed(int i, Throwable error) throws IOException {
                    StudyRunTask task = tasks.get(i);
                    if (error instanceof StudyRunFailedException f) {
                        record(task, f.row, f.archive);
                    } else {
                        record(task, new ResultRow(task.id(), ResultRow.FAILED, 0, null, null, null, null, null, null,
                                gaveUp(error), 0.0), null);
                    }
                }

                private void record(StudyRunTask task, ResultRow row, byte[] archive) throws IOException {
                    if (archive != null) {
                        writeRunFolder(runFolders, task.id(), archive);
                    }
                    finished.run(task.index(), row);
                }
            });
        } catch (SparkTasks.SparkStoppedException e) {
            throw new IOException(e.getMessage() + ". The runs not finished are trained again with --resume", e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the study's Spark tasks", e);
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (own != null) {
                own.stop();
            }
        }
    }

    /**
     * Spark's settings: those Spark itself reads ({@code spark.*} system properties, which spark-submit
     * sets), then the master given, else embedded Spark. Embedded Spark is kept on loopback without its
     * web UI. On a cluster, unless {@code spark.jars} already says what to ship to the executors, rnnlab's
     * jar (when rnnlab runs from one) and the jars of {@code RNNLAB_CLASSPATH} (a researcher's own plugin
     * modules) are shipped.
     */
    SparkConf configuration(Study study) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(EMBEDDED);
        }
        conf.setIfMissing("spark.app.name", "rnnlab study " + study.plan().spec().get("study"));
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) {
            List<String> jars = jarsToShip(rnnlabJar(), System.getenv(CLASSPATH_VARIABLE));
            if (!jars.isEmpty()) {
                conf.set("spark.jars", String.join(",", jars));
            }
        }
        return conf;
    }

    /** The environment variable that ./rnnlab adds to the driver's classpath, for a researcher's own plugins. */
    public static final String CLASSPATH_VARIABLE = "RNNLAB_CLASSPATH";

    /**
     * rnnlab's jar, if any, and the jar files of a classpath; folders are left out, since Spark ships jars
     * only (docs/cluster.md says to package a plugin module as a jar).
     */
    static List<String> jarsToShip(Path rnnlabJar, String classpath) {
        List<String> jars = new ArrayList<>();
        if (rnnlabJar != null) {
            jars.add(rnnlabJar.toString());
        }
        if (classpath != null) {
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank() && Files.isRegularFile(Path.of(entry)) && !jars.contains(entry)) {
                    jars.add(entry);
                }
            }
        }
        return jars;
    }

    /** The jar this class was loaded from, or null when it was loaded from a folder (a build's classes). */
    static Path rnnlabJar() {
        try {
            java.security.CodeSource source = SparkStudyEngine.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes a run's folder from its archive so that it appears whole: unpacked beside it under a
     * hidden name, then renamed. A folder of the run left by an earlier attempt is replaced.
     */
    static void writeRunFolder(Path runFolders, String id, byte[] archive) throws IOException {
        Files.createDirectories(runFolders);
        Path partial = runFolders.resolve("." + id + ".partial");
        Path target = runFolders.resolve(id);
        RunArchive.deleteRecursively(partial);
        RunArchive.unzip(archive, partial);
        RunArchive.deleteRecursively(target);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(partial, target);
        }
    }

    /** The run's update budget, for a progress display; 0 if the driver cannot read it. */
    private static long budget(StudyRunTask task, Registries registries) {
        try {
            return SpecFiles.read(copy(task.experimentTree()), registries).budget().updates();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A copy of a spec tree of maps and lists, so that reading it cannot change the task's. */
    private static Object copy(Object tree) {
        if (tree instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (tree instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return tree;
    }

    /** The message of a run Spark gave up on for a reason of its own: the first line of Spark's report. */
    static String gaveUp(Throwable error) {
        String text = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        int end = text.indexOf('\n');
        return "Spark gave up on the run's task: " + (end < 0 ? text : text.substring(0, end)).strip();
    }
}
