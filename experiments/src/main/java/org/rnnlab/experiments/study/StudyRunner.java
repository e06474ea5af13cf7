package org.rnnlab.experiments.study;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.rnnlab.experiments.spec.Experiment;
import org.rnnlab.experiments.spec.ExperimentResult;
import org.rnnlab.experiments.spec.RecordedRun;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.registry.Registries;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.UpdateMetrics;

/**
 * Trains a study's runs on a fixed pool of workers, one run per worker at a time and each run on its
 * worker's thread alone, into a study folder (docs/studies.md).
 *
 * <pre>{@code
 * StudyResult result = new StudyRunner(Registries.standard()).workers(2).run(study, Path.of("studies/x"));
 * }</pre>
 *
 * <p>A run's results are the same whichever worker runs it and whatever runs beside it, since every
 * random draw comes from its seed; the tables are rebuilt from {@code study.json} and the journal in
 * run order, so they are identical for any number of workers but for the {@code wall_seconds} column.
 * A run that throws is recorded as {@code failed} and the others go on; a diverged run is a result.
 */
public final class StudyRunner {
    /** The folder of the runs' own folders, inside the study folder. */
    public static final String RUNS = "runs";

    private final Registries registries;
    private int workers = Runtime.getRuntime().availableProcessors();
    private StudyEngine engine;
    private boolean resume;
    private StudyListener listener = new StudyListener() {
    };

    public StudyRunner(Registries registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
    }

    /** Runs trained at once; default: the available processors. */
    public StudyRunner workers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers must be >= 1, found " + n);
        }
        this.workers = n;
        return this;
    }

    /** Trains the runs on another engine instead of this runner's pool of workers (whose size is then unused). */
    public StudyRunner engine(StudyEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        return this;
    }

    /** Continue the study the folder holds instead of refusing a folder with a study. */
    public StudyRunner resume(boolean resume) {
        this.resume = resume;
        return this;
    }

    public StudyRunner listener(StudyListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Trains the study's unfinished runs and writes the tables.
     *
     * @throws StudyFolderException if the folder already holds a study and this is not a resume, if a
     *     resume finds another study or no study there, or the journal is damaged
     * @throws IOException if a study file cannot be written
     */
    public StudyResult run(Study study, Path directory) throws IOException {
        StudyPlan plan = study.plan();
        Map<String, ResultRow> finished;
        boolean holdsStudy = Files.exists(directory.resolve(StudyPlan.FILE));
        if (resume) {
            if (!holdsStudy) {
                throw new StudyFolderException(directory + " holds no " + StudyPlan.FILE + ", so there is no study to resume; "
                        + "leave out --resume to start one");
            }
            String difference = StudyPlan.read(directory).differenceFrom(plan);
            if (difference != null) {
                throw new StudyFolderException(directory + " holds another study: " + difference
                        + "; resume with the same spec, --scale and --set, or start a new study with another --out");
            }
            StudyJournal.Content journal = StudyJournal.read(directory,
                    plan.runs().stream().map(PlannedRun::id).collect(Collectors.toSet()));
            StudyJournal.rewrite(directory, journal);
            finished = new ConcurrentHashMap<>(journal.rows());
            for (PlannedRun r : plan.runs()) {
                if (!finished.containsKey(r.id())) {
                    deleteTree(directory.resolve(RUNS).resolve(r.id()));
                }
            }
        } else {
            if (holdsStudy) {
                throw new StudyFolderException(directory + " already holds a study (" + StudyPlan.FILE
                        + "); add --resume to continue it, or choose another --out");
            }
            Files.createDirectories(directory);
            plan.write(directory);
            finished = new ConcurrentHashMap<>();
        }

        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < plan.runs().size(); i++) {
            if (!finished.containsKey(plan.runs().get(i).id())) {
                todo.add(i);
            }
        }
        listener.studyStarted(plan, plan.runs().size() - todo.size(), todo.size());
        try (StudyJournal journal = StudyJournal.open(directory)) {
            StudyEngine.Finished record = (i, row) -> {
                journal.append(row);
                finished.put(row.run(), row);
                listener.runFinished(plan.runs().get(i), row);
            };
            if (engine != null) {
                engine.train(study, List.copyOf(todo), directory, listener, record);
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(workers, worker());
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int i : todo) {
                        futures.add(pool.submit(() -> {
                            PlannedRun run = plan.runs().get(i);
                            record.run(i, train(run, study.experimentTree(i), registries,
                                    directory.resolve(RUNS).resolve(run.id()), listener));
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        await(f);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        StudyTables.write(directory);
        StudyResult result = new StudyResult(directory, plan, StudyTables.rowsInRunOrder(plan, finished), todo.size(),
                StudyTables.summary(plan, finished));
        listener.studyFinished(result);
        return result;
    }

    /**
     * Trains one run of a study into its own folder and gives its row; a run that throws gives a
     * {@code failed} row. Every engine trains a run with this, so a run's row is the same on any engine.
     *
     * @param experimentTree the run's experiment spec tree ({@link Study#experimentTree}). Not modified.
     * @param folder the run's folder; created, refused if it already holds a run
     * @param listener hears the run start and each update
     */
    public static ResultRow train(PlannedRun run, Map<String, Object> experimentTree, Registries registries,
            Path folder, StudyListener listener) {
        AtomicLong lastUpdate = new AtomicLong();
        long start = System.nanoTime();
        try {
            Experiment experiment = SpecFiles.resolve(StudyJson.deepCopy(experimentTree), List.of(), registries);
            listener.runStarted(run, experiment.spec().budget().updates());
            TrainingListener progress = new TrainingListener() {
                @Override
                public boolean readsStateGradients(long update) {
                    return false;
                }

                @Override
                public void onUpdate(UpdateMetrics m) {
                    lastUpdate.set(m.update());
                    listener.runUpdate(run, m.update());
                }
            };
            ExperimentResult result = RecordedRun.train(experiment, folder, List.of(progress));
            return ResultRow.of(run.id(), result, seconds(start));
        } catch (IOException | RuntimeException e) {
            return ResultRow.failed(run.id(), lastUpdate.get(), e, seconds(start));
        }
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the study's runs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    private static java.util.concurrent.ThreadFactory worker() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rnnlab-study-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
