package org.rnnlab.experiments.study;

import java.nio.file.Path;
import java.util.List;

/**
 * What a study produced.
 *
 * @param directory the study folder
 * @param plan what {@code study.json} holds
 * @param rows every finished run's row (also those of an earlier, resumed call), in run order
 * @param ran the runs this call trained
 * @param summary one row per grid point
 */
public record StudyResult(Path directory, StudyPlan plan, List<ResultRow> rows, int ran, List<SummaryRow> summary) {

    public Path results() {
        return directory.resolve(StudyTables.RESULTS);
    }

    public Path summaryFile() {
        return directory.resolve(StudyTables.SUMMARY);
    }

    public int total() {
        return plan.runs().size();
    }

    public long count(String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    /** Whether every run of the study has finished. */
    public boolean complete() {
        return rows.size() == total();
    }
}
