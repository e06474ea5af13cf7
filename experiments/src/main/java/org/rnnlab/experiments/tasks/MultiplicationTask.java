package org.rnnlab.experiments.tasks;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;

/**
 * The multiplication problem of Pascanu, Mikolov and Bengio 2013 ("On the difficulty of training
 * recurrent neural networks", reference code {@code multiplication.py}): the sequences of their
 * adding problem (lengths, values, marker positions and draw order as {@code adding} with variant
 * {@code pascanu}; see {@link MarkedSequence#pascanu}), but the target is the product of the two
 * marked values. Channel 0 holds the value, channel 1 the marker. A sequence is wrong if its squared
 * error exceeds 0.04.
 *
 * <p>Baseline: for independent a, b ~ U[0, 1], E[ab] = 1/4 and E[(ab)^2] = (1/3)^2 = 1/9, so
 * predicting 1/4 has MSE Var(ab) = 1/9 - 1/16 = 7/144 = 0.048611.
 */
public final class MultiplicationTask extends SyntheticTask {
    private static final List<ParamSpec> PARAMETERS = List.of(
            lengthParameter(100, 10, "T: the shortest sequence length; lengths go up to T + floor(T/10) - 1"));

    private final int length;

    /** The plugin at its defaults: T = 100. */
    public MultiplicationTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private MultiplicationTask(Params params) {
        super("multiplication", "Multiplication problem: output the product of two marked values of a long sequence",
                PARAMETERS, params, Shape.valueAtEnd(2));
        this.length = params.getInt("length");
    }

    @Override
    public MultiplicationTask configure(Params params) {
        return new MultiplicationTask(params);
    }

    @Override
    public double baselineLoss() {
        return 7.0 / 144;
    }

    @Override
    public Metric metric() {
        return Metrics.squaredErrorAbove(0.04);
    }

    @Override
    Sample generate(RandomGenerator random) {
        return MarkedSequence.pascanu(random, length, (a, b) -> a * b);
    }
}
