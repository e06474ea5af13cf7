package org.rnnlab.experiments.spec;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Task;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;
import org.rnnlab.training.Split;

/**
 * A test-only task that a tiny model learns in a few hundred updates: the mean of {@code length}
 * values uniform in [-1, 1]. Registered only in tests, through {@link TestRegistries}.
 */
public final class ToySumTask extends AbstractPlugin<Task> implements Task {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofInt("length", 4, Range.atLeast(1), "steps per sequence"),
            ParamSpec.ofDouble("threshold", 0.01, Range.greaterThan(0), "squared error above which an answer is wrong"),
            ParamSpec.ofDouble("solvedErrorRate", 0.01, Range.closed(0, 1), "error rate that counts as solved"));

    public ToySumTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private ToySumTask(Params p) {
        super("toy_sum", "the mean of a few uniform values (tests only)", PARAMETERS, p);
    }

    @Override
    public Task configure(Params p) {
        return new ToySumTask(p);
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
        return 1.0 / 3 / params().getInt("length");
    }

    @Override
    public Metric metric() {
        return Metrics.squaredErrorAbove(params().getDouble("threshold"));
    }

    @Override
    public double solvedErrorRate() {
        return params().getDouble("solvedErrorRate");
    }

    @Override
    public DataSource data(long seed, Split split, int batchSize) {
        int length = params().getInt("length");
        RandomStreams streams = new RandomStreams(seed).child("data/toy_sum/" + split.word());
        return index -> {
            DMatrixRMaj[] x = new DMatrixRMaj[length];
            for (int t = 0; t < length; t++) {
                x[t] = new DMatrixRMaj(batchSize, 1);
            }
            DMatrixRMaj y = new DMatrixRMaj(batchSize, 1);
            for (int b = 0; b < batchSize; b++) {
                RandomGenerator r = streams.stream(Long.toString(index * batchSize + b));
                double sum = 0;
                for (int t = 0; t < length; t++) {
                    double v = 2 * r.nextDouble() - 1;
                    x[t].set(b, 0, v);
                    sum += v;
                }
                y.set(b, 0, sum / length);
            }
            return Batch.regression(x, null, new DMatrixRMaj[] {y});
        };
    }
}
