package org.rnnlab.experiments.tasks;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;

/**
 * The copying memory problem of Arjovsky, Shah and Bengio 2016 ("Unitary evolution recurrent neural
 * networks", section 4.1): categories a0 to a9, one-hot. The first 10 inputs are uniform over a1 to
 * a8, the pattern; the next T - 1 are the blank a0; then the delimiter a9; then 10 more blanks: T + 20
 * steps. The output is a0 for the first T + 10 steps and then the pattern, in order. Classes 0 to 8
 * (a0, the blank, and a1 to a8) at every step, cross-entropy averaged over all steps. Draw order: the
 * 10 pattern symbols.
 *
 * <p>Success: at most 1% of sequences with any step wrong. The paper reports the loss only.
 *
 * <p>Baseline: 10 log 8 / (T + 20), the paper's memoryless strategy: predict a0 with certainty for the
 * first T + 10 steps (loss 0) and uniform over a1 to a8 for the last 10 (log 8 each), averaged over the
 * T + 20 steps; 0.17329 for T = 100.
 */
public final class CopyTask extends RecallTask {
    private static final Layout LAYOUT = new Layout(10, 1, 8, 0, 9, 1, 0);
    private static final List<ParamSpec> PARAMETERS = List.of(
            lengthParameter(100, 1, "T: the delay; the delimiter comes at step T + 9, sequences have T + 20 steps"));

    /** The plugin at its defaults: T = 100. */
    public CopyTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private CopyTask(Params params) {
        super("copy", "Copying memory: after a delimiter, reproduce the 10 symbols (of 8) shown T steps earlier",
                PARAMETERS, params, LAYOUT, 9);
    }

    @Override
    public CopyTask configure(Params params) {
        return new CopyTask(params);
    }

    @Override
    public double baselineLoss() {
        return PATTERN * Math.log(LAYOUT.symbols()) / (delay() + 2 * PATTERN);
    }
}
