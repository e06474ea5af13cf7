package org.rnnlab.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Task;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;
import org.rnnlab.training.Split;

/**
 * A test-only task (registered in the tests' services file, so executors find it) whose data cannot be
 * read, so a study has a run that fails on every attempt. Counts the attempts made inside Spark tasks.
 */
public final class BrokenTask extends AbstractPlugin<Task> implements Task {
    static final AtomicInteger ATTEMPTS_IN_SPARK = new AtomicInteger();
    private static final List<ParamSpec> PARAMETERS = List.of();

    public BrokenTask() {
        super("broken", "a task whose data cannot be read (spark module tests only)", PARAMETERS,
                Params.of(PARAMETERS, Map.of()));
    }

    @Override
    public Task configure(Params p) {
        return this;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public Loss loss() {
        return Loss.MSE;
    }

    @Override
    public ReadAt readAt() {
        return ReadAt.LAST;
    }

    @Override
    public double baselineLoss() {
        return 1;
    }

    @Override
    public Metric metric() {
        return Metrics.squaredErrorAbove(0.01);
    }

    @Override
    public DataSource data(long seed, Split split, int batchSize) {
        if (TaskContext.get() != null) {
            ATTEMPTS_IN_SPARK.incrementAndGet();
        }
        throw new IllegalStateException("the data source is broken");
    }
}
