package org.rnnlab.experiments.spec;

import java.util.List;
import org.rnnlab.params.InvalidSpecException;

/**
 * A spec's {@code record}: how often an update is written to {@code metrics.csv}.
 *
 * @param every updates between two rows, > 0; evaluated updates and the last one are always written
 */
public record RecordSpec(long every) {
    public static final RecordSpec DEFAULT = new RecordSpec(10);

    public RecordSpec {
        if (every < 1) {
            throw new InvalidSpecException(List.of("record.every must be > 0, found " + every));
        }
    }
}
