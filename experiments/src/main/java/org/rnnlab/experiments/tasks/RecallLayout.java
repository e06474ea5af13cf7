package org.rnnlab.experiments.tasks;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The layout shared by the memorization and copy problems: a pattern of {@link #PATTERN} symbols in
 * the first steps, then {@code delay} steps of blanks, then the pattern asked back in the last
 * {@link #PATTERN} steps, with a cue symbol on the step the answer starts ({@code cueLead} 0) or the
 * step before it (1). Total length: delay + 2 {@link #PATTERN}. Inputs are one-hot symbols; the
 * class target of an answer step is the symbol's own index, of every other step {@code waitClass}.
 * The only random draws are the pattern's symbols, in order, each uniform over
 * [firstSymbol, firstSymbol + symbols).
 *
 * @param inputSize channels of the one-hot input
 * @param firstSymbol the index of the first pattern symbol
 * @param symbols how many pattern symbols there are
 * @param blank the index of the blank
 * @param cue the index of the cue (go, delimiter)
 * @param cueLead how many steps before the first answer step the cue comes
 * @param waitClass the target before the answer: the blank's class, or -1 for unscored
 */
record RecallLayout(int inputSize, int firstSymbol, int symbols, int blank, int cue, int cueLead, int waitClass) {
    static final int PATTERN = 10;

    Sample generate(RandomGenerator random, int delay) {
        int steps = delay + 2 * PATTERN;
        int answer = steps - PATTERN;
        int[] in = new int[steps];
        int[] out = new int[steps];
        Arrays.fill(in, blank);
        Arrays.fill(out, waitClass);
        for (int i = 0; i < PATTERN; i++) {
            int symbol = firstSymbol + random.nextInt(symbols);
            in[i] = symbol;
            out[answer + i] = symbol;
        }
        in[answer - cueLead] = cue;
        return Sample.classification(OneHot.sequence(in, inputSize), out);
    }
}
