package org.rnnlab.training;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;

/**
 * A task's success criterion: which outputs of a batch are wrong. Its rate over held-out data is
 * the evaluation metric (0 is perfect).
 */
public interface Metric {

    /** A short name for tables: "error_rate". */
    String name();

    /**
     * @param predictions the model's raw outputs for {@code batch}, as {@link org.rnnlab.model.Bptt#predictions()}. Not modified.
     * @param batch the batch with its targets. Not modified.
     */
    Tally score(DMatrixRMaj[] predictions, Batch batch);
}
