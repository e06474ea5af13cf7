package org.rnnlab.experiments.study;

import java.util.List;
import java.util.Map;
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

/** A test-only task whose data source throws, so a study has a run that fails. */
final class BrokenDataTask extends AbstractPlugin<Task> implements Task {
    private static final List<ParamSpec> PARAMETERS = List.of();

    BrokenDataTask() {
        super("broken_data", "a task whose data cannot be read (tests only)", PARAMETERS, Params.of(PARAMETERS, Map.of()));
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
        throw new IllegalStateException("the data source is broken");
    }
}
