package org.rnnlab.spark;

import org.rnnlab.experiments.study.ResultRow;

/**
 * A run's training threw. The task throws this so that Spark retries it as configured; when no attempt
 * succeeds, the driver records the row of the last attempt, which is the row the local pool of workers
 * would have recorded, and the folder that attempt left.
 */
final class StudyRunFailedException extends Exception {
    final ResultRow row;
    final byte[] archive;

    StudyRunFailedException(ResultRow row, byte[] archive) {
        super("run " + row.run() + " failed: " + row.message());
        this.row = row;
        this.archive = archive;
    }
}
