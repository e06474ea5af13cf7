package org.rnnlab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Runs independent pieces of work as Spark tasks and hands each outcome to the calling thread as soon
 * as it arrives, so the caller can record it (append a journal line) before the next one.
 *
 * <p>Each input is a job of its own with one task. Spark retries a task that throws as configured
 * ({@code spark.task.maxFailures}; {@code local[N,F]} for an embedded Spark) and reruns the tasks of a
 * lost executor; a task that keeps failing fails only its own job, which reaches the caller as
 * {@link Outcomes#failed}, while the other jobs go on. One job of many tasks would not do: Spark aborts
 * the whole job, every other run with it, once one task has failed too often.
 *
 * <pre>{@code
 * SparkTasks.run(context, List.of(1, 2, 3), x -> x * x, new SparkTasks.Outcomes<Integer>() {...});
 * }</pre>
 */
public final class SparkTasks {
    /** How often the driver looks for finished jobs; short next to any training run. */
    private static final long POLL_MILLIS = 20;

    private SparkTasks() {
    }

    /** The work of one task; runs on an executor, so it and its captured state must be serializable. */
    @FunctionalInterface
    public interface Work<I, O> extends Serializable {
        O apply(I input) throws Exception;
    }

    /** What the driver does with each outcome; called on the thread that called {@link #run}, one at a time. */
    public interface Outcomes<O> {
        /** Input {@code index} gave {@code output}. */
        void finished(int index, O output) throws Exception;

        /** Input {@code index} failed as often as Spark allows; {@code error} is the task's last exception. */
        void failed(int index, Throwable error) throws Exception;

        /** Input {@code index}'s task started on an executor the first time: told exactly once, before its outcome. */
        default void started(int index) throws Exception {
        }
    }

    /**
     * Runs {@code work} on every input as one Spark task each and returns once every outcome has been
     * handed over. If handling an outcome throws, the jobs still running are cancelled and the exception
     * is rethrown.
     *
     * @throws SparkStoppedException if Spark stops before every outcome is handed over; the jobs it
     *     failed in stopping are not reported as failed
     */
    public static <I extends Serializable, O extends Serializable> void run(JavaSparkContext context, List<I> inputs,
            Work<I, O> work, Outcomes<O> outcomes) throws Exception {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(outcomes, "outcomes");
        List<JavaFutureAction<List<O>>> pending = new ArrayList<>(inputs.size());
        String group = "rnnlab-" + Long.toUnsignedString(System.nanoTime(), 36);
        context.setJobGroup(group, "rnnlab study runs", true);
        TaskStarts starts = new TaskStarts(group);
        context.sc().addSparkListener(starts);
        boolean done = false;
        try {
            for (int i = 0; i < inputs.size(); i++) {
                // Each job carries its input's index, so that the listener can tell whose task started.
                context.setLocalProperty(TaskStarts.INDEX, group + ":" + i);
                try {
                    pending.add(context.parallelize(List.of(inputs.get(i)), 1).map(work::apply).collectAsync());
                } catch (IllegalStateException e) {
                    checkRunning(context);
                    throw e;
                }
            }
            context.setLocalProperty(TaskStarts.INDEX, null);
            int left = inputs.size();
            boolean[] handed = new boolean[inputs.size()];
            boolean[] started = new boolean[inputs.size()];
            while (left > 0) {
                boolean any = false;
                for (Integer i = starts.started.poll(); i != null; i = starts.started.poll()) {
                    if (!started[i] && !handed[i]) {
                        started[i] = true;
                        outcomes.started(i);
                    }
                }
                for (int i = 0; i < handed.length; i++) {
                    if (handed[i] || !pending.get(i).isDone()) {
                        continue;
                    }
                    handed[i] = true;
                    left--;
                    any = true;
                    List<O> result = null;
                    Throwable error = null;
                    try {
                        result = pending.get(i).get(0, TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        // Spark fails every job still running when it stops; those tasks did not fail.
                        checkRunning(context);
                        error = taskError(e);
                    } catch (TimeoutException e) {
                        throw new IllegalStateException("Spark job " + i + " was done but gave no result", e);
                    }
                    if (!started[i]) {
                        // Spark's listener thread may lag behind the result: the start is told all the same, first.
                        started[i] = true;
                        outcomes.started(i);
                    }
                    if (error != null) {
                        outcomes.failed(i, error);
                    } else {
                        outcomes.finished(i, result.get(0));
                    }
                }
                if (!any) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            done = true;
        } finally {
            context.sc().removeSparkListener(starts);
            if (!context.sc().isStopped()) {
                if (!done) {
                    context.cancelJobGroup(group);
                }
                context.clearJobGroup();
            }
        }
    }

    /**
     * Hears Spark's scheduler, on Spark's listener thread, and queues the index of each task that starts:
     * a stage's submission carries its job's local properties, among them the input's index, and a
     * task's start names its stage.
     */
    private static final class TaskStarts extends SparkListener {
        static final String INDEX = "rnnlab.input";

        final String group;
        final Map<Integer, Integer> indexOfStage = new ConcurrentHashMap<>();
        final Queue<Integer> started = new ConcurrentLinkedQueue<>();

        TaskStarts(String group) {
            this.group = group;
        }

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted event) {
            String index = event.properties() == null ? null : event.properties().getProperty(INDEX);
            if (index != null && index.startsWith(group + ":")) {
                indexOfStage.put(event.stageInfo().stageId(), Integer.valueOf(index.substring(group.length() + 1)));
            }
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart event) {
            Integer index = indexOfStage.get(event.stageId());
            if (index != null) {
                started.add(index);
            }
        }
    }

    /** Spark stopped (its master lost, the application killed) while tasks were still to finish. */
    public static final class SparkStoppedException extends java.io.IOException {
        SparkStoppedException(String master) {
            super("Spark stopped before every task had finished: its master " + master
                    + " may be unreachable or have no workers left; see Spark's messages above");
        }
    }

    private static void checkRunning(JavaSparkContext context) throws SparkStoppedException {
        if (context.sc().isStopped()) {
            throw new SparkStoppedException(context.master());
        }
    }

    /**
     * The task's own exception, when Spark could bring it back, else Spark's report of it. Spark wraps a
     * task's last exception in a {@code SparkException} ("Job aborted due to stage failure: ...") whose
     * cause is the task's exception.
     */
    static Throwable taskError(ExecutionException e) {
        Throwable t = e.getCause() == null ? e : e.getCause();
        if (t instanceof org.apache.spark.SparkException && t.getCause() != null) {
            return t.getCause();
        }
        return t;
    }
}
