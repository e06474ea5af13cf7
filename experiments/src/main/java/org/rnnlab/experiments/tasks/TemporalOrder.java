package org.rnnlab.experiments.tasks;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;

/**
 * The temporal order problems of Pascanu, Mikolov and Bengio 2013 (reference code
 * {@code tempOrder.py}, {@code tempOrder3bit.py}), after Hochreiter and Schmidhuber 1997: a sequence
 * of L symbols from six, one-hot (channels 0 to 5 for A, B, c, d, e, f). At a few marked steps, one in
 * each window [floor(s L/10), floor(s L/10) + floor(L/10)), stands A or B; every other step holds a
 * distractor, uniform over c to f. At the last step the model names the sequence of A's and B's:
 * class v0 + 2 v1 (+ 4 v2), where v is 0 for A and 1 for B.
 *
 * <p>Draw order: for each window in turn, the step (U{0, ..., floor(L/10) - 1} past the window's
 * start) and the symbol (U{0, 1}); then a distractor for every step 0 to L - 1, of which those at the
 * marked steps are discarded. Windows start at floor(sL/10) with width floor(L/10), as in the
 * reference code; for L a multiple of 10 these are [0.1L, 0.2L), [0.5L, 0.6L) etc.
 *
 * <p>Success: at most 1% of sequences misclassified. Baseline: the 2^k classes are equally likely and
 * the last input is a distractor, so the best memoryless prediction is uniform: cross-entropy k log 2.
 */
abstract class TemporalOrder extends SyntheticTask {
    static final List<ParamSpec> PARAMETERS = List.of(lengthParameter(100, 10, "L: the sequence length"));

    private final int length;
    private final int[] windowTenths;

    /**
     * @param windowTenths s for each window, which starts at floor(s L/10)
     */
    TemporalOrder(String name, String description, Params params, int... windowTenths) {
        super(name, description, PARAMETERS, params, Shape.classAtEnd(6, 1 << windowTenths.length));
        this.length = params.getInt("length");
        this.windowTenths = windowTenths.clone();
    }

    @Override
    public final double baselineLoss() {
        return windowTenths.length * Math.log(2);
    }

    @Override
    public final Metric metric() {
        return Metrics.classificationError();
    }

    @Override
    final Sample generate(RandomGenerator random) {
        int width = length / 10;
        int[] steps = new int[windowTenths.length];
        int[] symbols = new int[windowTenths.length];
        int target = 0;
        for (int i = 0; i < windowTenths.length; i++) {
            steps[i] = windowTenths[i] * length / 10 + random.nextInt(width);
            symbols[i] = random.nextInt(2);
            target += symbols[i] << i;
        }
        int[] sequence = new int[length];
        for (int t = 0; t < length; t++) {
            sequence[t] = 2 + random.nextInt(4);
        }
        for (int i = 0; i < steps.length; i++) {
            sequence[steps[i]] = symbols[i];
        }
        return Sample.classification(OneHot.sequence(sequence, 6), target);
    }
}
