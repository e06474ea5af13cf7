package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkTasksTest {
    private static JavaSparkContext context;

    @BeforeAll
    static void start() {
        // Two task slots, and each task tried twice before its job fails.
        context = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("SparkTasksTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    /** Records the outcomes in the order they were handed over. */
    static class Recorder<O> implements SparkTasks.Outcomes<O> {
        final Map<Integer, Object> outcomes = new TreeMap<>();
        final List<Integer> order = new ArrayList<>();

        @Override
        public void finished(int index, O output) {
            outcomes.put(index, output);
            order.add(index);
        }

        @Override
        public void failed(int index, Throwable error) {
            outcomes.put(index, "failed: " + error);
            order.add(index);
        }
    }

    @Test
    void everyInputGivesItsOutputOnce() throws Exception {
        Recorder<Integer> recorder = new Recorder<>();
        SparkTasks.run(context, List.of(1, 2, 3, 4, 5), x -> x * x, recorder);
        assertThat(recorder.outcomes).containsExactly(Map.entry(0, 1), Map.entry(1, 4), Map.entry(2, 9),
                Map.entry(3, 16), Map.entry(4, 25));
        assertThat(recorder.order).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndOneThatAlwaysFailsIsReportedWhileTheOthersFinish() throws Exception {
        Recorder<String> recorder = new Recorder<>();
        SparkTasks.run(context, List.of("a", "flaky", "broken", "d"), x -> {
            if (x.equals("flaky") && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("flaky's first attempt fails");
            }
            if (x.equals("broken")) {
                throw new IllegalArgumentException("broken fails on attempt " + TaskContext.get().attemptNumber());
            }
            return x + " on attempt " + TaskContext.get().attemptNumber();
        }, recorder);
        assertThat(recorder.outcomes).containsExactly(Map.entry(0, "a on attempt 0"),
                Map.entry(1, "flaky on attempt 1"),
                Map.entry(2, "failed: java.lang.IllegalArgumentException: broken fails on attempt 1"),
                Map.entry(3, "d on attempt 0"));
    }

    @Test
    void anOutcomeHandlerThatThrowsStopsTheRunAndSparkStaysUsable() throws Exception {
        assertThatThrownBy(() -> SparkTasks.run(context, List.of(1, 2, 3), x -> x, new SparkTasks.Outcomes<Integer>() {
            @Override
            public void finished(int index, Integer output) throws Exception {
                throw new java.io.IOException("disk full");
            }

            @Override
            public void failed(int index, Throwable error) {
            }
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
        Recorder<Integer> recorder = new Recorder<>();
        SparkTasks.run(context, List.of(7), x -> x + 1, recorder);
        assertThat(recorder.outcomes).containsExactly(Map.entry(0, 8));
    }

    @Test
    void whenSparkStopsTheTasksItCancelsAreNotReportedAsFailed() {
        stop();
        JavaSparkContext doomed = new JavaSparkContext(new SparkConf().setMaster("local[1]").setAppName("doomed")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        Recorder<Integer> recorder = new Recorder<>() {
            @Override
            public void finished(int index, Integer output) {
                super.finished(index, output);
                doomed.stop();
            }
        };
        try {
            assertThatThrownBy(() -> SparkTasks.run(doomed, List.of(1, 2, 3), x -> {
                Thread.sleep(300);
                return x;
            }, recorder)).isInstanceOf(SparkTasks.SparkStoppedException.class)
                    .hasMessage("Spark stopped before every task had finished: its master local[1] may be unreachable "
                            + "or have no workers left; see Spark's messages above");
            assertThat(recorder.outcomes).containsExactly(Map.entry(0, 1));
        } finally {
            doomed.stop();
            start();
        }
    }
}
