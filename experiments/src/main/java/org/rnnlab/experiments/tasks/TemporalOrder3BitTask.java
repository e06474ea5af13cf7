package org.rnnlab.experiments.tasks;

import java.util.Map;
import org.rnnlab.params.Params;

/**
 * Pascanu, Mikolov and Bengio's 2013 3-bit temporal order problem (reference code
 * {@code tempOrder3bit.py}): A or B at one step in each of the windows starting at floor(0.1L),
 * floor(0.3L) and floor(0.6L), each floor(0.1L) wide, distractors c to f elsewhere; eight classes
 * v0 + 2 v1 + 4 v2, read at the last step with cross-entropy. Baseline log 8 = 2.0794. Details in
 * {@link TemporalOrder}.
 */
public final class TemporalOrder3BitTask extends TemporalOrder {
    /** The plugin at its defaults: L = 100. */
    public TemporalOrder3BitTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private TemporalOrder3BitTask(Params params) {
        super("temporal_order_3bit", "Temporal order, 3 bits: classify the order of three symbols (A/B) among distractors",
                params, 1, 3, 6);
    }

    @Override
    public TemporalOrder3BitTask configure(Params params) {
        return new TemporalOrder3BitTask(params);
    }
}
