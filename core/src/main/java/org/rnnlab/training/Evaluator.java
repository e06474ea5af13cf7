package org.rnnlab.training;

import java.util.Objects;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.Model;

/** Evaluates a model on a fixed set of held-out batches: mean loss and a metric. */
public final class Evaluator {
    private final DataSource heldOut;
    private final int batches;
    private final Metric metric;

    /**
     * @param heldOut held-out data; batches 0 to {@code batches - 1} are used every time
     * @param batches how many, >= 1
     * @param metric the success criterion, or null for loss only
     */
    public Evaluator(DataSource heldOut, int batches, Metric metric) {
        this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be >= 1, found " + batches);
        }
        this.batches = batches;
        this.metric = metric;
    }

    /** Evaluates with a {@link Bptt} of the caller's (reused across evaluations to save allocation). */
    public Evaluation evaluate(Bptt bptt, long update) {
        double loss = 0;
        Tally tally = new Tally(0, 0);
        for (int i = 0; i < batches; i++) {
            Batch b = heldOut.batch(i);
            loss += bptt.loss(b);
            if (metric != null) {
                tally = tally.plus(metric.score(bptt.predictions(), b));
            }
        }
        return new Evaluation(update, loss / batches, metric == null ? "" : metric.name(), tally);
    }

    /** Evaluates {@code model} once. */
    public Evaluation evaluate(Model model) {
        return evaluate(new Bptt(model), 0);
    }
}
