package org.rnnlab.experiments.tasks;

import java.util.Map;
import org.rnnlab.params.Params;

/**
 * Pascanu, Mikolov and Bengio's 2013 temporal order problem (reference code {@code tempOrder.py}):
 * A or B at one step in [floor(0.1L), floor(0.1L) + floor(0.1L)) and at one in [floor(0.5L),
 * floor(0.5L) + floor(0.1L)), distractors c to f elsewhere; four classes AA, BA, AB, BB (0 to 3),
 * read at the last step with cross-entropy. Baseline log 4 = 1.3863. Details in {@link TemporalOrder}.
 */
public final class TemporalOrderTask extends TemporalOrder {
    /** The plugin at its defaults: L = 100. */
    public TemporalOrderTask() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private TemporalOrderTask(Params params) {
        super("temporal_order", "Temporal order: classify the order of two symbols (A/B) hidden among distractors",
                params, 1, 5);
    }

    @Override
    public TemporalOrderTask configure(Params params) {
        return new TemporalOrderTask(params);
    }
}
