package org.rnnlab.experiments.tasks;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;
import org.rnnlab.training.Tally;

/**
 * For tasks classified at every step: a sequence is wrong if any of its scored outputs is (largest
 * logit not the target class, ties to the lower class index); it counts once, however many of its
 * steps are wrong. Unscored outputs (class -1, steps past a sequence's end) do not count.
 */
final class WholeSequenceError implements Metric {

    @Override
    public String name() {
        return "sequence_error_rate";
    }

    @Override
    public Tally score(DMatrixRMaj[] predictions, Batch batch) {
        int[][] classes = batch.classes();
        long wrong = 0;
        for (int b = 0; b < batch.size(); b++) {
            int steps = Math.min(classes.length, batch.length(b));
            for (int t = 0; t < steps; t++) {
                int c = classes[t][b];
                if (c >= 0 && Metrics.argmax(predictions[t], b) != c) {
                    wrong++;
                    break;
                }
            }
        }
        return new Tally(wrong, batch.size());
    }
}
