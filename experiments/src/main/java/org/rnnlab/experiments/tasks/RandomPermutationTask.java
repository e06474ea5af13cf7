package org.rnnlab.experiments.tasks;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;

/**
 * The random permutation problem of Pascanu, Mikolov and Bengio 2013 ("On the difficulty of training
 * recurrent neural networks", reference code {@code permutation.py}): a sequence of L symbols from
 * 100, one-hot. The first symbol is 0 or 1; the others are uniform over 2 to 99. At the last step the
 * model names the first symbol: cross-entropy over all 100 classes, read at the last step. Draw order:
 * the first symbol (U{0, 1}), then the symbols of steps 1 to L - 1 (each 2 + U{0, ..., 97}).
 *
 * <p>Success: at most 1% of sequences misclassified.
 *
 * <p>Baseline: log 2 = 0.69315. A predictor without memory sees at the last step a symbol from 2 to
 * 99, which says nothing about the first; the best it can do is what the targets alone teach, that
 * the answer is 0 or 1 with probability 1/2 each, for a cross-entropy of log 2. (A predictor that did
 * not even know that would pay log 100 = 4.6052, but any model learns the two-class prior within a
 * few updates, so log 2 is the number that shows whether it learned to remember.)
 */
public final class RandomPermutationTask extends SyntheticTask {
    static final int SYMBOLS = 100;
    private static final List<ParamSpec> PARAMETERS = List.of(
            lengthParameter(100, 2, "L: the sequence length, the first symbol included"));

    private final int length;

    /** The plugin at its defaults: L = 100. */
    public RandomPermutationTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private RandomPermutationTask(Params params) {
        super("random_permutation", "Random permutation: name the first symbol (0 or 1) of a long sequence of 100 symbols",
                PARAMETERS, params, Shape.classAtEnd(SYMBOLS, SYMBOLS));
        this.length = params.getInt("length");
    }

    @Override
    public RandomPermutationTask configure(Params params) {
        return new RandomPermutationTask(params);
    }

    @Override
    public double baselineLoss() {
        return Math.log(2);
    }

    @Override
    public Metric metric() {
        return Metrics.classificationError();
    }

    @Override
    Sample generate(RandomGenerator random) {
        int[] sequence = new int[length];
        sequence[0] = random.nextInt(2);
        for (int t = 1; t < length; t++) {
            sequence[t] = 2 + random.nextInt(SYMBOLS - 2);
        }
        return Sample.classification(OneHot.sequence(sequence, SYMBOLS), sequence[0]);
    }
}
