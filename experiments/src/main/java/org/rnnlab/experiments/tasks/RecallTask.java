package org.rnnlab.experiments.tasks;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.training.Metric;

/**
 * What the memorization and copy problems share: a pattern of {@link #PATTERN} symbols in the first
 * steps, then blanks, then the pattern asked back in the last {@link #PATTERN} steps, with a cue
 * symbol on the step the answer starts or the step before it. Total length: T + 2 {@link #PATTERN},
 * T being the {@code length} parameter. Inputs are one-hot symbols; the class target of an answer
 * step is the symbol's own index, of every other step the layout's {@code waitClass}. The only random
 * draws are the pattern's symbols, in order, each uniform over the layout's pattern symbols. A
 * sequence counts as right only if every scored step is ({@link WholeSequenceError}).
 */
abstract class RecallTask extends SyntheticTask {
    static final int PATTERN = 10;

    /**
     * Where the symbols go.
     *
     * @param inputSize channels of the one-hot input
     * @param firstSymbol the index of the first pattern symbol
     * @param symbols how many pattern symbols there are
     * @param blank the index of the blank
     * @param cue the index of the cue (go, delimiter)
     * @param cueLead how many steps before the first answer step the cue comes
     * @param waitClass the target before the answer: the blank's class, or -1 for unscored
     */
    record Layout(int inputSize, int firstSymbol, int symbols, int blank, int cue, int cueLead, int waitClass) {
    }

    private final Layout layout;
    private final int length;

    /**
     * @param classes the readout's classes
     */
    RecallTask(String name, String description, List<ParamSpec> parameters, Params params, Layout layout, int classes) {
        super(name, description, parameters, params, Shape.classEveryStep(layout.inputSize(), classes));
        this.layout = layout;
        this.length = params.getInt("length");
    }

    /** T: the sequences have T + 2 {@link #PATTERN} steps. */
    final int delay() {
        return length;
    }

    @Override
    public final Metric metric() {
        return new WholeSequenceError();
    }

    @Override
    final Sample generate(RandomGenerator random) {
        int steps = length + 2 * PATTERN;
        int answer = steps - PATTERN;
        int[] in = new int[steps];
        int[] out = new int[steps];
        Arrays.fill(in, layout.blank());
        Arrays.fill(out, layout.waitClass());
        for (int i = 0; i < PATTERN; i++) {
            int symbol = layout.firstSymbol() + random.nextInt(layout.symbols());
            in[i] = symbol;
            out[answer + i] = symbol;
        }
        in[answer - layout.cueLead()] = layout.cue();
        return Sample.classification(OneHot.sequence(in, layout.inputSize()), out);
    }
}
