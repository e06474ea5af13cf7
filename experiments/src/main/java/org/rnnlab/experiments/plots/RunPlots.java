package org.rnnlab.experiments.plots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The figures of a training run, drawn from its folder's files alone ({@code spec.json},
 * {@code metrics.csv} and, if recorded, {@code diagnostics.jsonl}) into {@code plots/}, each as PNG
 * and SVG:
 * <ul>
 *   <li>{@value #LOSS}: training and held-out loss against updates, the task's baseline loss as a
 *       dashed line, and the held-out error rate on a second axis;
 *   <li>{@value #GRADIENT_NORM}: the gradient's norm before the transforms against updates (log
 *       scale), with the clipping threshold as a dashed line when a clip transform is configured;
 *   <li>{@value #FLOW_HEATMAP}: log10 ||dL/dh_t|| of layer 0 over (update, t): a vanishing gradient
 *       is a band fading towards t = 0, an exploding one a bright band;
 *   <li>{@value #FLOW_CURVES}: ||dL/dh_t|| of layer 0 against t at the first, middle and last
 *       recorded updates (log scale);
 *   <li>{@value #SPECTRA}: the spectral radius of every recurrent matrix or gate block over training.
 * </ul>
 * The last three need {@code diagnostics.jsonl} with at least one line.
 */
public final class RunPlots {
    public static final String DIRECTORY = "plots";
    public static final String LOSS = "loss";
    public static final String GRADIENT_NORM = "gradient-norm";
    public static final String FLOW_HEATMAP = "flow-heatmap";
    public static final String FLOW_CURVES = "flow-curves";
    public static final String SPECTRA = "spectra";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** At most this many columns (updates) and rows (steps) in the heat map, so its labels stay legible. */
    private static final int HEATMAP_CELLS = 40;

    private RunPlots() {
    }

    /**
     * Draws every figure the run's files allow into {@code run}/plots/.
     *
     * @return the files written, by name
     * @throws IOException if {@code spec.json} or {@code metrics.csv} is missing or unreadable
     */
    public static List<String> write(Path run) throws IOException {
        JsonNode spec = readJson(run.resolve("spec.json"));
        Table metrics = Table.read(run.resolve("metrics.csv"));
        List<JsonNode> diagnostics = readLines(run.resolve("diagnostics.jsonl"));
        Path out = run.resolve(DIRECTORY);
        Files.createDirectories(out);
        List<String> written = new ArrayList<>();
        written.addAll(Figures.save(loss(spec, metrics), out, LOSS));
        written.addAll(Figures.save(gradientNorm(spec, metrics), out, GRADIENT_NORM));
        if (!diagnostics.isEmpty()) {
            written.addAll(Figures.save(flowHeatmap(diagnostics), out, FLOW_HEATMAP));
            written.addAll(Figures.save(flowCurves(diagnostics), out, FLOW_CURVES));
            written.addAll(Figures.save(spectra(diagnostics), out, SPECTRA));
        }
        return written;
    }

    static XYChart loss(JsonNode spec, Table metrics) {
        String task = spec.path("task").path("name").asText("task");
        XYChart chart = Figures.lines("Loss during training (" + task + ")", "update", "loss (mean per scored output)");
        double[] updates = metrics.column("update");
        Figures.line(chart, "training loss (batch)", updates, metrics.column("loss"), false);
        Figures.line(chart, "held-out loss", updates, metrics.column("test_loss"), false);
        JsonNode baseline = spec.path("provenance").path("task").path("baselineLoss");
        if (baseline.isNumber() && updates.length > 0) {
            Figures.horizontal(chart, "baseline loss (ignores history)", updates[0], updates[updates.length - 1],
                    baseline.asDouble());
        }
        String metric = spec.path("provenance").path("task").path("metric").asText("metric");
        double[] rate = metrics.column("test_error_rate");
        if (finiteCount(rate) > 0) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < rate.length; i++) {
                if (Double.isFinite(rate[i])) {
                    xs.add(updates[i]);
                    ys.add(100 * rate[i]);
                }
            }
            XYSeries s = chart.addSeries("held-out error rate (right axis)", xs, ys);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            s.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, "held-out error rate (%, " + metric + ")");
            chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        }
        return chart;
    }

    static XYChart gradientNorm(JsonNode spec, Table metrics) {
        XYChart chart = Figures.lines("Gradient norm before clipping", "update", "||g||_2 over all parameters");
        chart.getStyler().setYAxisLogarithmic(true);
        double[] updates = metrics.column("update");
        boolean any = Figures.line(chart, "gradient norm before the transforms", updates, metrics.column("gradient_norm"), true);
        Double threshold = clipThreshold(spec);
        if (threshold != null && updates.length > 0 && threshold > 0) {
            Figures.horizontal(chart, "clipping threshold " + threshold, updates[0], updates[updates.length - 1], threshold);
            any = true;
        }
        if (!any) {
            Figures.horizontal(chart, "no finite gradient norm recorded", 0, 1, 1);
        }
        return chart;
    }

    /** The threshold of the first {@code clip_global_norm} or {@code clip_norm} transform, or null. */
    static Double clipThreshold(JsonNode spec) {
        for (JsonNode t : spec.path("transforms")) {
            String name = t.path("name").asText();
            if ((name.equals("clip_global_norm") || name.equals("clip_norm")) && t.path("threshold").isNumber()) {
                return t.path("threshold").asDouble();
            }
        }
        return null;
    }

    static HeatMapChart flowHeatmap(List<JsonNode> lines) {
        int columns = lines.size();
        int columnStride = Math.max(1, (columns + HEATMAP_CELLS - 1) / HEATMAP_CELLS);
        List<JsonNode> chosen = new ArrayList<>();
        for (int i = 0; i < columns; i += columnStride) {
            chosen.add(lines.get(i));
        }
        int steps = 0;
        for (JsonNode l : chosen) {
            steps = Math.max(steps, l.path("flow").path(0).path("norms").size() - 1);
        }
        int rowStride = Math.max(1, (steps + 1 + HEATMAP_CELLS - 1) / HEATMAP_CELLS);
        List<Integer> ts = new ArrayList<>();
        for (int t = 0; t <= steps; t += rowStride) {
            ts.add(t);
        }
        List<Long> updates = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[][] values = new double[chosen.size()][ts.size()];
        for (int c = 0; c < chosen.size(); c++) {
            updates.add(chosen.get(c).path("update").asLong());
            JsonNode norms = chosen.get(c).path("flow").path(0).path("norms");
            for (int r = 0; r < ts.size(); r++) {
                JsonNode n = norms.path(ts.get(r));
                double v = n.isNumber() && n.asDouble() > 0 ? Math.log10(n.asDouble()) : Double.NaN;
                values[c][r] = v;
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(min <= max)) {
            min = 0;
            max = 1;
        } else if (min == max) {
            max = min + 1;
        }
        List<Number[]> heat = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            for (int r = 0; r < ts.size(); r++) {
                // Zero or non-finite norms (no gradient reached h_t) take the colour of the smallest.
                heat.add(new Number[] {c, r, Double.isFinite(values[c][r]) ? values[c][r] : min});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Figures.WIDTH).height(Figures.HEIGHT)
                .title("log10 ||dL/dh_t|| of layer 0 (dark: vanished, bright: large)")
                .xAxisTitle("update").yAxisTitle("step t (0 = initial state)").build();
        chart.getStyler().setShowValue(false);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(20, 20, 60), new java.awt.Color(40, 110, 180),
            new java.awt.Color(250, 220, 60)});
        chart.addSeries("log10 ||dL/dh_t||", updates, ts, heat);
        return chart;
    }

    static XYChart flowCurves(List<JsonNode> lines) {
        XYChart chart = Figures.lines("||dL/dh_t|| of layer 0 against t", "step t (T = last step)", "");
        Map<Long, JsonNode> picks = new LinkedHashMap<>();
        for (int i : new int[] {0, lines.size() / 2, lines.size() - 1}) {
            picks.putIfAbsent(lines.get(i).path("update").asLong(), lines.get(i));
        }
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Map.Entry<Long, JsonNode> e : picks.entrySet()) {
            double[] norms = numbers(e.getValue().path("flow").path(0).path("norms"));
            double[] t = new double[norms.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = i;
            }
            names.add("update " + e.getKey());
            xs.add(t);
            ys.add(norms);
        }
        if (!Figures.logLines(chart, "||dL/dh_t||_F over the batch", names, xs, ys)) {
            Figures.horizontal(chart, "no positive norm recorded", 0, 1, 1);
        }
        return chart;
    }

    static XYChart spectra(List<JsonNode> lines) {
        XYChart chart = Figures.lines("Spectral radius of the recurrent matrices", "update", "spectral radius max |λ_i|");
        Map<String, List<double[]>> blocks = new LinkedHashMap<>();
        for (JsonNode l : lines) {
            for (JsonNode b : l.path("spectra")) {
                JsonNode r = b.path("spectralRadius");
                blocks.computeIfAbsent(b.path("name").asText(), k -> new ArrayList<>())
                        .add(new double[] {l.path("update").asDouble(), r.isNumber() ? r.asDouble() : Double.NaN});
            }
        }
        double first = lines.get(0).path("update").asDouble();
        double last = lines.get(lines.size() - 1).path("update").asDouble();
        for (Map.Entry<String, List<double[]>> e : blocks.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            Figures.line(chart, e.getKey(), x, y, false);
        }
        Figures.horizontal(chart, "1 (linear recurrence neither vanishes nor explodes)", first, Math.max(last, first + 1), 1);
        return chart;
    }

    private static int finiteCount(double[] v) {
        int n = 0;
        for (double x : v) {
            n += Double.isFinite(x) ? 1 : 0;
        }
        return n;
    }

    static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = array.path(i);
            out[i] = n.isNumber() ? n.asDouble() : Double.NaN;
        }
        return out;
    }

    private static JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(Files.readString(file));
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return out;
        }
        for (String l : lines) {
            if (!l.isBlank()) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    /** A CSV file with a header, every cell read as a number (empty or unreadable: NaN). */
    record Table(List<String> header, List<String[]> rows) {
        static Table read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty()) {
                throw new IOException(file + " is empty; it should start with a header");
            }
            List<String[]> rows = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isBlank()) {
                    rows.add(l.split(",", -1));
                }
            }
            return new Table(List.of(lines.get(0).split(",", -1)), rows);
        }

        double[] column(String name) {
            int c = header.indexOf(name);
            double[] out = new double[rows.size()];
            for (int i = 0; i < out.length; i++) {
                String[] row = rows.get(i);
                try {
                    out[i] = c < 0 || c >= row.length || row[c].isEmpty() ? Double.NaN : Double.parseDouble(row[c]);
                } catch (NumberFormatException e) {
                    out[i] = Double.NaN;
                }
            }
            return out;
        }
    }
}
