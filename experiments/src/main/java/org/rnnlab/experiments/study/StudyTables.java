package org.rnnlab.experiments.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.rnnlab.experiments.io.AtomicFiles;

/**
 * {@code results.csv} and {@code summary.csv}, built from a study folder's {@code study.json} and
 * journal alone, rows in run order, so the tables do not depend on the order in which workers finished.
 * Cells holding a comma, quote or line break are quoted as RFC 4180 says.
 */
public final class StudyTables {
    public static final String RESULTS = "results.csv";
    public static final String SUMMARY = "summary.csv";
    /** The confidence level of the success rate's interval. */
    public static final double CONFIDENCE = 0.95;

    private StudyTables() {
    }

    /** An axis value as a cell shows it: a string as itself, anything else as compact JSON. */
    public static String cell(Object value) {
        return StudyJson.cell(value);
    }

    /** The finished runs' rows in run order. */
    public static List<ResultRow> rowsInRunOrder(StudyPlan plan, Map<String, ResultRow> finished) {
        List<ResultRow> out = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            ResultRow row = finished.get(r.id());
            if (row != null) {
                out.add(row);
            }
        }
        return out;
    }

    /** One row per grid point, in the order of the points' first runs; points without finished runs included. */
    public static List<SummaryRow> summary(StudyPlan plan, Map<String, ResultRow> finished) {
        Map<String, List<PlannedRun>> points = new LinkedHashMap<>();
        for (PlannedRun r : plan.runs()) {
            points.computeIfAbsent(StudyJson.canonical(java.util.Arrays.asList(r.variant(), r.values())),
                    k -> new ArrayList<>()).add(r);
        }
        List<SummaryRow> out = new ArrayList<>();
        for (List<PlannedRun> runs : points.values()) {
            List<ResultRow> rows = runs.stream().map(r -> finished.get(r.id())).filter(java.util.Objects::nonNull).toList();
            int n = rows.size();
            int solved = (int) rows.stream().filter(ResultRow::solved).count();
            Double rate = null;
            Double low = null;
            Double high = null;
            if (n > 0) {
                rate = (double) solved / n;
                ConfidenceInterval ci = new WilsonScoreInterval().createInterval(n, solved, CONFIDENCE);
                // The interval's ends are exactly 0 with no success and 1 with no failure; the closed form
                // leaves a rounding error of ~1e-17 there, which a table should not show.
                low = solved == 0 ? 0.0 : ci.getLowerBound();
                high = solved == n ? 1.0 : ci.getUpperBound();
            }
            Double medianUpdates = median(rows.stream().filter(ResultRow::solved)
                    .map(r -> r.updatesToSolve().doubleValue()).toList());
            Double medianLoss = median(rows.stream().map(ResultRow::finalLoss).filter(java.util.Objects::nonNull).toList());
            PlannedRun first = runs.get(0);
            out.add(new SummaryRow(first.variant(), first.values(), n, solved, rate, low, high, medianUpdates, medianLoss));
        }
        return out;
    }

    /** The middle value, or the mean of the two middle values; null for no values. */
    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Reads a study folder's {@code study.json} and journal and (re)writes both tables. */
    public static void write(Path directory) throws IOException {
        StudyPlan plan = StudyPlan.read(directory);
        StudyJournal.Content journal = StudyJournal.read(directory,
                plan.runs().stream().map(PlannedRun::id).collect(Collectors.toSet()));
        write(directory, plan, journal.rows());
    }

    static void write(Path directory, StudyPlan plan, Map<String, ResultRow> finished) throws IOException {
        AtomicFiles.writeString(directory.resolve(RESULTS), results(plan, finished));
        AtomicFiles.writeString(directory.resolve(SUMMARY), summaryCsv(plan, finished));
    }

    /** The text of {@code results.csv}. */
    public static String results(StudyPlan plan, Map<String, ResultRow> finished) {
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("run", "variant"));
        head.addAll(plan.axes());
        head.add("seed");
        head.addAll(ResultRow.FIELDS);
        line(sb, head);
        for (PlannedRun r : plan.runs()) {
            ResultRow row = finished.get(r.id());
            if (row == null) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(r.id(), ResultRow.text(r.variant())));
            axisCells(cells, plan.axes(), r.values());
            cells.add(Long.toString(r.seed()));
            cells.addAll(row.cells());
            line(sb, cells);
        }
        return sb.toString();
    }

    /** The text of {@code summary.csv}. */
    public static String summaryCsv(StudyPlan plan, Map<String, ResultRow> finished) {
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("variant"));
        head.addAll(plan.axes());
        head.addAll(List.of("runs", "solved", "success_rate", "success_low", "success_high", "median_updates_to_solve",
                "median_final_loss"));
        line(sb, head);
        for (SummaryRow s : summary(plan, finished)) {
            List<String> cells = new ArrayList<>(List.of(ResultRow.text(s.variant())));
            axisCells(cells, plan.axes(), s.values());
            cells.addAll(List.of(Integer.toString(s.runs()), Integer.toString(s.solved()), ResultRow.text(s.successRate()),
                    ResultRow.text(s.successLow()), ResultRow.text(s.successHigh()),
                    ResultRow.text(s.medianUpdatesToSolve()), ResultRow.text(s.medianFinalLoss())));
            line(sb, cells);
        }
        return sb.toString();
    }

    private static void axisCells(List<String> cells, List<String> axes, Map<String, Object> values) {
        for (String a : axes) {
            cells.add(values.containsKey(a) ? StudyJson.cell(values.get(a)) : "");
        }
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quoted(cells.get(i)));
        }
        sb.append('\n');
    }

    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
