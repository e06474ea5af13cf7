package org.rnnlab.spark;

import java.io.Serializable;
import org.rnnlab.experiments.study.ResultRow;

/**
 * What a run's task sends back to the driver.
 *
 * @param row the run's results row
 * @param archive the run's folder ({@link RunArchive}), or null if the run made none
 */
record StudyRunOutput(ResultRow row, byte[] archive) implements Serializable {
}
