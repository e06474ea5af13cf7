package org.rnnlab.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A study's runs grouped as the report shows them. A <em>grid point</em> is a run's variant and axis
 * values without the seed; a <em>configuration</em> is a grid point without the x axis, so that
 * "success rate against x" draws one line per configuration. Both keep the order of the runs in
 * study.json.
 */
final class StudyTable {
    /** One configuration: its number (C1, C2, ... in run order), variant, non-x values and label. */
    record Configuration(int number, String variant, Map<String, JsonNode> values, String label) {
        String id() {
            return "C" + number;
        }
    }

    /** One grid point with its planned and finished runs and their summary. */
    record GridPoint(Configuration configuration, JsonNode x, List<StudyFolder.PlannedRun> planned,
            List<StudyFolder.RunResult> finished) {
        Stats.Rate success() {
            int solved = (int) finished.stream().filter(StudyFolder.RunResult::solved).count();
            return Stats.wilson(solved, finished.size());
        }

        /** Over the solved runs; NaN if none. */
        double medianUpdatesToSolve() {
            return Stats.median(finished.stream().filter(StudyFolder.RunResult::solved)
                    .mapToDouble(StudyFolder.RunResult::updatesToSolve).toArray());
        }

        /** Over every finished run; a run without a finite final loss (diverged) counts as +infinity. */
        double medianFinalLoss() {
            return Stats.median(finished.stream().mapToDouble(r -> worstIfNotFinite(r.finalLoss())).toArray());
        }

        /** The held-out loss as a share of the baseline, over every finished run, as above. */
        double medianLossToBaseline() {
            return Stats.median(finished.stream().mapToDouble(r -> worstIfNotFinite(r.lossToBaseline())).toArray());
        }
    }

    final StudyFolder folder;
    final List<Configuration> configurations;
    final List<GridPoint> gridPoints;
    /** The x values in drawing order: ascending if all are numbers, else in run order; empty without x. */
    final List<JsonNode> xValues;

    private StudyTable(StudyFolder folder, List<Configuration> configurations, List<GridPoint> gridPoints,
            List<JsonNode> xValues) {
        this.folder = folder;
        this.configurations = configurations;
        this.gridPoints = gridPoints;
        this.xValues = xValues;
    }

    static StudyTable of(StudyFolder folder) {
        String x = folder.x;
        Map<String, Configuration> configurations = new LinkedHashMap<>();
        Map<String, List<StudyFolder.PlannedRun>> pointRuns = new LinkedHashMap<>();
        Map<String, Configuration> pointConfiguration = new LinkedHashMap<>();
        Map<String, JsonNode> pointX = new LinkedHashMap<>();
        Map<String, JsonNode> xs = new LinkedHashMap<>();
        for (StudyFolder.PlannedRun run : folder.planned) {
            Map<String, JsonNode> rest = new LinkedHashMap<>();
            for (String axis : folder.axes) {
                if (!axis.equals(x) && run.values().containsKey(axis)) {
                    rest.put(axis, run.values().get(axis));
                }
            }
            String configurationKey = run.variant() + "\u0000" + rest;
            Configuration c = configurations.computeIfAbsent(configurationKey,
                    k -> new Configuration(configurations.size() + 1, run.variant(), rest, label(run.variant(), rest)));
            JsonNode xValue = x == null ? null : run.values().get(x);
            if (xValue != null) {
                xs.putIfAbsent(xValue.toString(), xValue);
            }
            String pointKey = configurationKey + "\u0000" + xValue;
            pointRuns.computeIfAbsent(pointKey, k -> new ArrayList<>()).add(run);
            pointConfiguration.put(pointKey, c);
            pointX.put(pointKey, xValue);
        }
        List<GridPoint> points = new ArrayList<>();
        for (Map.Entry<String, List<StudyFolder.PlannedRun>> e : pointRuns.entrySet()) {
            List<StudyFolder.RunResult> finished = new ArrayList<>();
            for (StudyFolder.PlannedRun r : e.getValue()) {
                StudyFolder.RunResult result = folder.resultsById.get(r.id());
                if (result != null) {
                    finished.add(result);
                }
            }
            points.add(new GridPoint(pointConfiguration.get(e.getKey()), pointX.get(e.getKey()), e.getValue(), finished));
        }
        List<JsonNode> xValues = new ArrayList<>(xs.values());
        if (xValues.stream().allMatch(JsonNode::isNumber)) {
            xValues.sort(Comparator.comparingDouble(JsonNode::asDouble));
        }
        return new StudyTable(folder, List.copyOf(configurations.values()), points, xValues);
    }

    /** Whether "success rate against x" has something to draw: an x axis with two values or more. */
    boolean hasXAxis() {
        return xValues.size() >= 2;
    }

    /** The grid points of one configuration, in x order. */
    List<GridPoint> pointsOf(Configuration c) {
        List<GridPoint> out = new ArrayList<>(gridPoints.stream().filter(p -> p.configuration() == c).toList());
        out.sort(Comparator.comparingInt(p -> p.x() == null ? -1 : indexOfX(p.x())));
        return out;
    }

    int indexOfX(JsonNode value) {
        for (int i = 0; i < xValues.size(); i++) {
            if (xValues.get(i).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The variants in run order ("" for a study without variants). */
    List<String> variants() {
        return configurations.stream().map(Configuration::variant).distinct().toList();
    }

    /** "variant: v1, v2" with each value shortened ({@link #shortValue}); "all runs" if nothing varies. */
    static String label(String variant, Map<String, JsonNode> values) {
        StringJoiner parts = new StringJoiner(", ");
        values.values().forEach(v -> parts.add(shortValue(v)));
        String rest = parts.toString();
        if (variant.isEmpty()) {
            return rest.isEmpty() ? "all runs" : rest;
        }
        return rest.isEmpty() ? variant : variant + ": " + rest;
    }

    /** {@link AxisLabels#value}. */
    static String shortValue(JsonNode v) {
        return AxisLabels.value(v);
    }

    /** {@link AxisLabels#axis}. */
    static String shortAxis(String path) {
        return AxisLabels.axis(path);
    }

    private static double worstIfNotFinite(double v) {
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }
}
