package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tables from a plan and finished rows: cells, quoting, grid points without runs, medians. */
class StudyTablesTest {
    private static final List<Object> CLIP = List.of(Map.of("name", "clip_global_norm"));

    private static Map<String, Object> values(Object transforms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transforms", transforms);
        return m;
    }

    private static final StudyPlan PLAN = new StudyPlan("0", "x", Map.of(), null, List.of("transforms", "task.length"), null,
            List.of(new PlannedRun("0000", "a", values(List.of()), 1), new PlannedRun("0001", "a", values(List.of()), 2),
                    new PlannedRun("0002", "a", values(List.of()), 3), new PlannedRun("0003", "a", values(List.of()), 4),
                    new PlannedRun("0004", "b", values(CLIP), 1)));

    private static ResultRow solved(String run, long updates, double loss) {
        return new ResultRow(run, "solved", updates, updates, loss, loss, 0.0, 0.5, loss / 0.5, "", 1.5);
    }

    @Test
    void cellsAreQuotedAndPointsWithoutRunsHaveEmptyStatistics() {
        Map<String, ResultRow> rows = new LinkedHashMap<>();
        rows.put("0003", new ResultRow("0003", "diverged", 7, null, null, null, null, 0.5, null,
                "loss is NaN at update 7, \"layer 0\"", 0.25));
        rows.put("0000", solved("0000", 300, 0.25));
        rows.put("0001", solved("0001", 100, 0.5));
        rows.put("0002", solved("0002", 200, 1.0));
        assertThat(StudyTables.results(PLAN, rows)).isEqualTo("""
                run,variant,transforms,task.length,seed,status,updates,updates_to_solve,final_loss,test_loss,test_error_rate,\
                baseline_loss,loss_to_baseline,message,wall_seconds
                0000,a,[],,1,solved,300,300,0.25,0.25,0.0,0.5,0.5,,1.5
                0001,a,[],,2,solved,100,100,0.5,0.5,0.0,0.5,1.0,,1.5
                0002,a,[],,3,solved,200,200,1.0,1.0,0.0,0.5,2.0,,1.5
                0003,a,[],,4,diverged,7,,,,,0.5,,"loss is NaN at update 7, ""layer 0\""",0.25
                """);
        // medians: of 100, 200, 300 and of the three finite losses; the point of run 0004 has no finished run
        List<String> summary = StudyTables.summaryCsv(PLAN, rows).lines().toList();
        assertThat(summary.get(1)).startsWith("a,[],,4,3,0.75,").endsWith(",200.0,0.5");
        assertThat(summary.get(2)).isEqualTo("b,\"[{\"\"name\"\":\"\"clip_global_norm\"\"}]\",,0,0,,,,,");
        rows.remove("0003");
        rows.remove("0002");
        assertThat(StudyTables.summaryCsv(PLAN, rows).lines().toList().get(1)).isEqualTo(
                "a,[],,2,2,1.0,0.3423802275066531,1.0,200.0,0.375");
    }

    @Test
    void noSuccessHasALowerEndOfExactlyZero() {
        Map<String, ResultRow> rows = new LinkedHashMap<>();
        for (String run : List.of("0000", "0001", "0002")) {
            rows.put(run, new ResultRow(run, "budget", 50, null, 0.5, 0.5, 0.5, 0.5, 1.0, "", 1.0));
        }
        // Wilson's 95% interval for 0 of 3: [0, z²/(3 + z²)] = [0, 0.5614970317550454]
        String[] cells = StudyTables.summaryCsv(PLAN, rows).lines().toList().get(1).split(",", -1);
        assertThat(String.join(",", List.of(cells).subList(0, 7))).isEqualTo("a,[],,3,0,0.0,0.0");
        assertThat(Double.parseDouble(cells[7])).isCloseTo(0.5614970317550454, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(StudyTables.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(StudyTables.median(List.of(5.0))).isEqualTo(5.0);
        assertThat(StudyTables.median(List.of())).isNull();
    }
}
