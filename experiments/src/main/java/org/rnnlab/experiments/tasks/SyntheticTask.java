package org.rnnlab.experiments.tasks;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Task;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Split;

/**
 * A task whose samples are drawn, one at a time, from their own random streams: sample {@code i} of
 * split {@code s} under seed {@code seed} is {@link #generate} applied to
 * {@code new RandomStreams(seed).child("data/" + s.word()).stream(Long.toString(i))}. A sample thus
 * depends on nothing but (seed, split, index), whatever the batch size or the order batches are asked for.
 */
abstract class SyntheticTask extends AbstractPlugin<Task> implements Task {
    private final Shape shape;

    SyntheticTask(String name, String description, List<ParamSpec> parameters, Params params, Shape shape) {
        super(name, description, parameters, params);
        this.shape = shape;
    }

    /** The usual {@code length} parameter: T, at least {@code min}. */
    static ParamSpec lengthParameter(int defaultValue, int min, String description) {
        return ParamSpec.ofInt("length", defaultValue, Range.atLeast(min), description);
    }

    /** The streams samples of this split draw from, one per sample index. */
    static RandomStreams sampleStreams(long seed, Split split) {
        return new RandomStreams(seed).child("data/" + split.word());
    }

    /** One sample, drawn from {@code random} alone, in the order the task's documentation gives. */
    abstract Sample generate(RandomGenerator random);

    @Override
    public final DataSource data(long seed, Split split, int batchSize) {
        RandomStreams streams = sampleStreams(seed, split);
        return Batches.source(shape, batchSize, index -> generate(streams.stream(Long.toString(index))));
    }

    @Override
    public final int inputSize() {
        return shape.inputSize();
    }

    @Override
    public final int outputSize() {
        return shape.outputSize();
    }

    @Override
    public final Loss loss() {
        return shape.loss();
    }

    @Override
    public final ReadAt readAt() {
        return shape.readAt();
    }
}
