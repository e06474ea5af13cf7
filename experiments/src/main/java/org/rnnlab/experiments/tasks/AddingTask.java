package org.rnnlab.experiments.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;

/**
 * The adding problem: a sequence of (value, marker) pairs, two of them marked; at the end the model
 * outputs a function of the two marked values. Channel 0 holds the value, channel 1 the marker; the
 * target is read at each sequence's last step with mean squared error. Three published variants,
 * chosen by {@code variant}:
 *
 * <ul>
 *   <li>{@code pascanu} (Pascanu, Mikolov, Bengio 2013, "On the difficulty of training recurrent
 *       neural networks", and their reference code {@code addition.py}): lengths l from T to
 *       T + floor(T/10) - 1, values U[0, 1), one marker in [0, floor(l/10)), the other in
 *       [floor(l/10), floor(l/10) + floor(4l/10)); the target is the mean of the two marked values
 *       (draw order in {@link MarkedSequence#pascanu}). A sequence is wrong if its squared error
 *       exceeds 0.04. Baseline: the target (a + b)/2 of independent a, b ~ U[0, 1] has mean 1/2 and
 *       variance (1/12 + 1/12)/4 = 1/24; the best constant prediction, 1/2, has MSE 1/24 = 0.041667.
 *   <li>{@code uniform_halves} (Le, Jaitly, Hinton 2015, "A simple way to initialize recurrent
 *       networks of rectified linear units"; Arjovsky, Shah, Bengio 2016): length T, values U[0, 1),
 *       one marker uniform in the first half [0, floor(T/2)), one in the second; the target is the
 *       sum. Draw order: the first marked step, the second, then the values of steps 0 to T - 1. The
 *       papers report MSE only; a sequence counts as wrong, as in Pascanu's variant, if its squared
 *       error exceeds 0.04. Baseline: a + b has mean 1 and variance 1/6; predicting 1 has MSE 1/6 = 0.16667.
 *   <li>{@code hochreiter} (Hochreiter, Schmidhuber 1997, "Long short-term memory", experiment 4):
 *       lengths l from T to T + floor(T/10) inclusive, values U[-1, 1). One marked step p1 among the
 *       first ten; then one more, X2's, uniform among the first floor(T/2) - 1 steps still unmarked
 *       (the k-th unmarked step for k = U{0, ..., floor(T/2) - 2}). The marker channel is 1.0 at the
 *       two marked steps, -1.0 at the first and last steps unless marked, 0 elsewhere; when the first
 *       step is marked its value is set to 0 (the paper sets X1 to zero then; here whichever marked
 *       value falls on step 0). The target is 0.5 + (X1 + X2)/4; a sequence is right if the absolute
 *       error is below 0.04. Draw order: l, p1, k, then the values of steps 0 to l - 1. Needs T >= 20,
 *       so the first ten steps lie in the first half. Baseline: the target has mean 0.5 and variance
 *       E[(X1 + X2)^2]/16 = (2 - q)/3/16 = (2 - q)/48, where q = 1/10 + (9/10)/(floor(T/2) - 1) is the
 *       probability that step 0 is marked (its value zeroed); predicting 0.5 has that MSE, 0.039201
 *       for T = 100 (1/24 = 0.041667 without the zeroing).
 * </ul>
 */
public final class AddingTask extends SyntheticTask {
    static final String NAME = "adding";
    static final int HOCHREITER_MIN_LENGTH = 20;
    private static final List<ParamSpec> PARAMETERS = List.of(
            lengthParameter(100, 10, "T: the sequence length (pascanu and hochreiter: the shortest; up to 10% longer)"),
            ParamSpec.ofChoice("variant", "pascanu", List.of("pascanu", "uniform_halves", "hochreiter"),
                    "pascanu (2013, mean of two values in the first half), uniform_halves (Le 2015, sum,"
                            + " one marker per half), hochreiter (1997, values in [-1, 1])"));

    private final int length;
    private final String variant;

    /** The plugin at its defaults: Pascanu et al.'s variant, T = 100. */
    public AddingTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    /**
     * @throws InvalidSpecException if the hochreiter variant is asked for with T < 20
     */
    private AddingTask(Params params) {
        super(NAME, "Adding problem: output the sum (or mean) of two marked values of a long sequence",
                PARAMETERS, params, Shape.valueAtEnd(2));
        this.length = params.getInt("length");
        this.variant = params.getChoice("variant");
        List<String> problems = new ArrayList<>();
        check(params, NAME, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    @Override
    public void check(Params params, String path, List<String> problems) {
        int t = params.getInt("length");
        if (params.getChoice("variant").equals("hochreiter") && t < HOCHREITER_MIN_LENGTH) {
            problems.add(path + ".length must be >= " + HOCHREITER_MIN_LENGTH
                    + " for variant hochreiter (the first ten steps must lie in the first half), found " + t);
        }
    }

    @Override
    public AddingTask configure(Params params) {
        return new AddingTask(params);
    }

    @Override
    public double baselineLoss() {
        return switch (variant) {
            case "pascanu" -> 1.0 / 24;
            case "uniform_halves" -> 1.0 / 6;
            default -> (2 - firstStepMarked()) / 48;
        };
    }

    /** For hochreiter: the probability that step 0 is marked, 1/10 + (9/10)/(floor(T/2) - 1). */
    private double firstStepMarked() {
        return 0.1 + 0.9 / (length / 2 - 1);
    }

    @Override
    public Metric metric() {
        return variant.equals("hochreiter") ? Metrics.absoluteErrorAbove(0.04) : Metrics.squaredErrorAbove(0.04);
    }

    @Override
    Sample generate(RandomGenerator random) {
        return switch (variant) {
            case "pascanu" -> MarkedSequence.pascanu(random, length, (a, b) -> (a + b) / 2);
            case "uniform_halves" -> uniformHalves(random);
            default -> hochreiter(random);
        };
    }

    private Sample uniformHalves(RandomGenerator random) {
        int half = length / 2;
        int p0 = random.nextInt(half);
        int p1 = half + random.nextInt(length - half);
        return MarkedSequence.twoMarked(MarkedSequence.uniform(random, length, 0, 1), p0, p1, Double::sum);
    }

    private Sample hochreiter(RandomGenerator random) {
        int l = length + random.nextInt(length / 10 + 1);
        int p1 = random.nextInt(10);
        int k = random.nextInt(length / 2 - 1);
        int p2 = k < p1 ? k : k + 1;
        double[] values = MarkedSequence.uniform(random, l, -1, 1);
        double[] markers = new double[l];
        markers[0] = -1;
        markers[l - 1] = -1;
        markers[p1] = 1;
        markers[p2] = 1;
        if (markers[0] == 1) {
            values[0] = 0;
        }
        return Sample.regression(MarkedSequence.inputs(values, markers), 0.5 + (values[p1] + values[p2]) / 4);
    }
}
