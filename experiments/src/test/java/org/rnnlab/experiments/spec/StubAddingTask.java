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
 * A test-only stand-in for the {@code adding} task of the tasks package, with its parameter names
 * ({@code variant}, {@code length}), so the example specs can be checked before (and without
 * depending on) the real one: two channels, a value uniform in [0, 1] and a marker; one marker in
 * each half; the target is the sum of the two marked values (Le, Jaitly, Hinton 2015). Baseline
 * MSE 1/6. {@link TestRegistries} adds it only where no real {@code adding} task is registered.
 */
public final class StubAddingTask extends AbstractPlugin<Task> implements Task {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofChoice("variant", "uniform_halves", List.of("uniform_halves"), "where the markers fall"),
            ParamSpec.ofInt("length", 50, Range.atLeast(2), "steps per sequence"));

    public StubAddingTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private StubAddingTask(Params p) {
        super("adding", "the adding problem (test stand-in)", PARAMETERS, p);
    }

    @Override
    public Task configure(Params p) {
        return new StubAddingTask(p);
    }

    @Override
    public int inputSize() {
        return 2;
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
        return 1.0 / 6;
    }

    @Override
    public Metric metric() {
        return Metrics.squaredErrorAbove(0.04);
    }

    @Override
    public DataSource data(long seed, Split split, int batchSize) {
        int length = params().getInt("length");
        RandomStreams streams = new RandomStreams(seed).child("data/adding/" + split.word());
        return index -> {
            DMatrixRMaj[] xs = new DMatrixRMaj[length];
            for (int t = 0; t < length; t++) {
                xs[t] = new DMatrixRMaj(batchSize, 2);
            }
            DMatrixRMaj y = new DMatrixRMaj(batchSize, 1);
            int half = length / 2;
            for (int b = 0; b < batchSize; b++) {
                RandomGenerator random = streams.stream(Long.toString(index * batchSize + b));
                for (int t = 0; t < length; t++) {
                    xs[t].set(b, 0, random.nextDouble());
                }
                int first = random.nextInt(half);
                int second = half + random.nextInt(length - half);
                xs[first].set(b, 1, 1);
                xs[second].set(b, 1, 1);
                y.set(b, 0, xs[first].get(b, 0) + xs[second].get(b, 0));
            }
            return Batch.regression(xs, null, new DMatrixRMaj[] {y});
        };
    }
}
