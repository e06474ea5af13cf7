package org.rnnlab.experiments.tasks;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;

/**
 * The noiseless memorization problem of Pascanu, Mikolov and Bengio 2013 ("On the difficulty of
 * training recurrent neural networks", reference code {@code memorization.py}), after Hochreiter and
 * Schmidhuber 1997: a pattern of 10 symbols, each uniform over 5, is shown in the first 10 steps; then
 * blanks; at step T + 10 a go symbol replaces the blank, and in the last 10 steps (T + 10 to T + 19)
 * the model must output the pattern. T + 20 steps in all. Input channels (one-hot): the 5 symbols
 * (0 to 4), blank (5), go (6). Draw order: the 10 pattern symbols.
 *
 * <p>Only the 10 answer steps are scored (cross-entropy over the 5 symbols, class -1 at every other
 * step). The reference code also trains a blank class at every other step; scoring only the answer
 * keeps the loss the answer's own, comparable across T.
 *
 * <p>Success: at most 1% of sequences with any symbol wrong (a sequence is right only if all 10 are).
 *
 * <p>Baseline: log 5 = 1.6094. Each answer symbol is uniform over 5 and independent of the blank or
 * go the model sees at that step, so the best memoryless prediction is uniform over the 5.
 */
public final class MemorizationTask extends RecallTask {
    private static final Layout LAYOUT = new Layout(7, 0, 5, 5, 6, 0, -1);
    private static final List<ParamSpec> PARAMETERS = List.of(
            lengthParameter(100, 1, "T: steps from the end of the pattern to the go symbol; sequences have T + 20 steps"));

    /** The plugin at its defaults: T = 100. */
    public MemorizationTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private MemorizationTask(Params params) {
        super("memorization", "Noiseless memorization: reproduce a pattern of 10 symbols (of 5) after a long delay",
                PARAMETERS, params, LAYOUT, 5);
    }

    @Override
    public MemorizationTask configure(Params params) {
        return new MemorizationTask(params);
    }

    @Override
    public double baselineLoss() {
        return Math.log(LAYOUT.symbols());
    }
}
