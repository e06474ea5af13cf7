package org.rnnlab.training;

import org.rnnlab.model.Batch;

/**
 * Batches by index. A batch must be a pure function of its index (and the source's own seed), so
 * a run can be replayed and training and held-out streams never overlap.
 */
@FunctionalInterface
public interface DataSource {
    /** The batch with this index, counted from 0. */
    Batch batch(long index);
}
