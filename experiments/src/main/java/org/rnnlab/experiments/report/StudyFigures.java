package org.rnnlab.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The three figures of a study report, each written as PNG and SVG into {@code figures/}:
 * <ol>
 *   <li>{@value #SUCCESS}: success rate with its Wilson 95% interval against the study's x axis, one
 *       line per configuration, one panel per variant; without an x axis of two values or more, one dot
 *       per configuration;
 *   <li>{@value #CURVES}: held-out loss / baseline against updates, one panel per configuration: median
 *       over seeds and interquartile band ({@link LearningCurves}), the baseline as a dashed line at 1;
 *   <li>{@value #FLOW}: ||dL/dh_t|| of layer 0 against t at the first and the last diagnostics record,
 *       median over seeds, one panel per configuration.
 * </ol>
 * Panels share their y range so that they compare at a glance.
 */
final class StudyFigures {
    static final String DIRECTORY = "figures";
    static final String SUCCESS = "success-rate";
    static final String CURVES = "learning-curves";
    static final String FLOW = "gradient-flow";

    static final int PANEL_WIDTH = 460;
    static final int PANEL_HEIGHT = 330;
    static final int COLUMNS = 3;
    /** Decades up to which a log axis stays legible; beyond, log10 of the values is drawn (as in plots.Figures). */
    static final double MAX_LOG_DECADES = 12;

    /** Tableau's ten colours: distinct for most readers, including the common colour-vision deficiencies. */
    static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
        new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F),
        new Color(0xBAB0AC)};
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A written figure: file stem, title, caption and pixel size. */
    record Figure(String name, String title, String caption, int width, int height) {
    }

    /** What was drawn, and what could not be (a sentence for the report each). */
    record Drawn(List<Figure> figures, List<String> notes) {
    }

    private StudyFigures() {
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The i-th of many series: colour cycles fastest, then the marker, so 50 series stay distinct. */
    static Marker marker(int i) {
        return MARKERS[(i / PALETTE.length) % MARKERS.length];
    }

    static Drawn write(StudyTable table, Path directory) throws IOException {
        java.nio.file.Files.createDirectories(directory);
        List<Figure> figures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        figures.add(success(table, directory));
        Figure curves = curves(table, directory, notes);
        if (curves != null) {
            figures.add(curves);
        }
        Figure flow = flow(table, directory, notes);
        if (flow != null) {
            figures.add(flow);
        }
        return new Drawn(figures, notes);
    }

    private static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setLegendBorderColor(new Color(0xDDDDDD));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setChartTitleBoxVisible(false);
        return chart;
    }

    // ---- 1. success rate ----

    private static Figure success(StudyTable table, Path directory) throws IOException {
        String x = table.folder.x;
        if (!table.hasXAxis()) {
            return successDots(table, directory);
        }
        List<XYChart> panels = new ArrayList<>();
        boolean numeric = table.xValues.stream().allMatch(JsonNode::isNumber);
        double span = numeric ? table.xValues.get(table.xValues.size() - 1).asDouble() - table.xValues.get(0).asDouble()
                : table.xValues.size() - 1;
        List<String> variants = table.variants();
        int most = 0;
        for (String v : variants) {
            most = Math.max(most, (int) table.configurations.stream().filter(c -> c.variant().equals(v)).count());
        }
        int legendRows = Math.min(most, 24);
        int height = 360 + 18 * legendRows;
        for (String variant : variants) {
            List<StudyTable.Configuration> cs = table.configurations.stream().filter(c -> c.variant().equals(variant))
                    .toList();
            XYChart chart = chart(1100, height, "Success rate against " + x
                    + (variant.isEmpty() ? "" : ", variant " + variant), x, "runs solved (share, Wilson 95% interval)");
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setYAxisMin(-0.02);
            chart.getStyler().setYAxisMax(1.02);
            chart.getStyler().setYAxisDecimalPattern("0%");
            if (!numeric) {
                chart.getStyler().setxAxisTickLabelsFormattingFunction(d -> categoryLabel(table.xValues, d));
            }
            for (int j = 0; j < cs.size(); j++) {
                StudyTable.Configuration c = cs.get(j);
                // Lines at the same x would hide each other's intervals: each configuration is shifted a little.
                double dodge = cs.size() == 1 ? 0 : (j - (cs.size() - 1) / 2.0) * span * 0.25 / cs.size() / Math.max(1,
                        table.xValues.size() - 1);
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                List<double[]> intervals = new ArrayList<>();
                for (StudyTable.GridPoint p : table.pointsOf(c)) {
                    Stats.Rate r = p.success();
                    if (Double.isNaN(r.rate()) || p.x() == null) {
                        // No finished run, or a variant the x axis does not apply to: nothing to place on x.
                        continue;
                    }
                    double px = (numeric ? p.x().asDouble() : table.indexOfX(p.x())) + dodge;
                    xs.add(px);
                    ys.add(r.rate());
                    intervals.add(new double[] {px, r.low(), r.high()});
                }
                if (xs.isEmpty()) {
                    continue;
                }
                Color color = color(j);
                XYSeries s = chart.addSeries(c.id() + " " + legendLabel(c), xs, ys);
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setMarker(marker(j));
                s.setLineStyle(j / PALETTE.length % 2 == 1 ? dashed(2f) : new BasicStroke(2f));
                for (double[] iv : intervals) {
                    XYSeries bar = chart.addSeries(c.id() + " interval at " + iv[0], new double[] {iv[0], iv[0]},
                            new double[] {iv[1], iv[2]});
                    bar.setShowInLegend(false);
                    bar.setLineColor(color);
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineStyle(new BasicStroke(1.2f));
                }
            }
            panels.add(chart);
        }
        Panels.Size size = Panels.save(panels, 1, directory, SUCCESS);
        return new Figure(SUCCESS, "Success rate against " + x,
                "Share of seeds that met the task's success criterion, with the Wilson score 95% interval as a "
                        + "vertical bar, one line per configuration (" + (variants.size() > 1 ? "one panel per variant; " : "")
                        + "configurations are shifted slightly along x so that their intervals do not hide each other). "
                        + "Configuration ids (C1, C2, ...) are those of the summary table.",
                size.width(), size.height());
    }

    private static String categoryLabel(List<JsonNode> values, double d) {
        long i = Math.round(d);
        if (Math.abs(d - i) > 1e-9 || i < 0 || i >= values.size()) {
            return " ";
        }
        return StudyTable.shortValue(values.get((int) i));
    }

    /** The label without the variant, which the panel names. */
    private static String legendLabel(StudyTable.Configuration c) {
        String values = StudyTable.label("", c.values());
        return values.equals("all runs") ? (c.variant().isEmpty() ? "all runs" : c.variant()) : values;
    }

    private static Figure successDots(StudyTable table, Path directory) throws IOException {
        String at = table.xValues.size() == 1 ? " at " + table.folder.x + " = " + StudyTable.shortValue(table.xValues.get(0))
                : "";
        List<String> variants = table.variants();
        List<ForestPlot.Row> rows = new ArrayList<>();
        for (StudyTable.Configuration c : table.configurations) {
            for (StudyTable.GridPoint p : table.pointsOf(c)) {
                rows.add(new ForestPlot.Row(c.id() + "  " + c.label(), variants.indexOf(c.variant()), p.success()));
            }
        }
        String title = "Success rate per configuration" + at;
        Panels.Size size = ForestPlot.save(title, "runs solved (share of seeds; bar: Wilson 95% interval)", rows,
                variants, directory, SUCCESS);
        return new Figure(SUCCESS, title,
                "Share of seeds that met the task's success criterion (dot) with the Wilson score 95% interval (bar), "
                        + "one row per configuration" + (variants.size() > 1 ? ", coloured by variant" : "")
                        + (table.folder.x == null ? " (the study has no x axis)." : " (the x axis has one value).")
                        + " Configuration ids (C1, C2, ...) are those of the summary table.",
                size.width(), size.height());
    }

    // ---- 2. learning curves ----

    private static Figure curves(StudyTable table, Path directory, List<String> notes) throws IOException {
        Map<StudyTable.Configuration, List<Series>> byConfiguration = new LinkedHashMap<>();
        List<String> noCurve = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double lastUpdate = 0;
        for (StudyTable.Configuration c : table.configurations) {
            List<Series> series = new ArrayList<>();
            for (StudyTable.GridPoint p : table.pointsOf(c)) {
                List<LearningCurves.Curve> curves = new ArrayList<>();
                for (StudyFolder.RunResult r : p.finished()) {
                    RunFiles.Read<LearningCurves.Curve> read = RunFiles.heldOutCurve(table.folder.runDirectory(r.id()),
                            r.baselineLoss());
                    if (read.value() == null) {
                        noCurve.add("run " + r.id() + ": " + read.problem());
                    } else {
                        curves.add(read.value());
                    }
                }
                if (curves.isEmpty()) {
                    continue;
                }
                LearningCurves.Band band = LearningCurves.band(curves);
                series.add(new Series(p.x(), band, curves.size()));
                for (int i = 0; i < band.updates().length; i++) {
                    for (double v : new double[] {band.lower()[i], band.median()[i], band.upper()[i]}) {
                        if (v > 0 && Double.isFinite(v)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                    lastUpdate = Math.max(lastUpdate, band.updates()[i]);
                }
            }
            byConfiguration.put(c, series);
        }
        if (!noCurve.isEmpty()) {
            notes.add("Learning curves leave out " + noCurve.size() + (noCurve.size() == 1 ? " run" : " runs")
                    + " without a held-out loss curve: " + String.join("; ", noCurve) + ".");
        }
        if (!(min <= max)) {
            notes.add("No learning curve is drawn: no finished run has an evaluated held-out loss in its metrics.csv.");
            return null;
        }
        // A shared log axis from the smallest quartile to the largest, always showing the baseline at 1.
        double yMin = Math.pow(10, Math.floor(Math.log10(Math.min(min, 1) * 0.999)));
        double yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(max, 1) * 1.001)));
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<StudyTable.Configuration, List<Series>> e : byConfiguration.entrySet()) {
            StudyTable.Configuration c = e.getKey();
            XYChart chart = panel(c, "update", "held-out loss / baseline");
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(yMax);
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(lastUpdate);
            chart.getStyler().setLegendVisible(e.getValue().size() > 1);
            int k = 0;
            for (Series s : e.getValue()) {
                Color color = color(s.x() == null ? 0 : table.indexOfX(s.x()));
                LearningCurves.Band b = s.band();
                List<Double> px = new ArrayList<>();
                List<Double> py = new ArrayList<>();
                for (int i = 0; i < b.updates().length; i++) {
                    px.add(b.updates()[i]);
                    py.add(clamp(b.upper()[i], yMin, yMax));
                }
                for (int i = b.updates().length - 1; i >= 0; i--) {
                    px.add(b.updates()[i]);
                    py.add(clamp(b.lower()[i], yMin, yMax));
                }
                XYSeries area = chart.addSeries("band " + k, px, py);
                area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                area.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
                area.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
                area.setMarker(SeriesMarkers.NONE);
                area.setShowInLegend(false);
                String name = (s.x() == null ? "median" : table.folder.x + " = " + StudyTable.shortValue(s.x()))
                        + " (" + s.runs() + (s.runs() == 1 ? " run)" : " runs)");
                double[] median = b.median().clone();
                if (addLine(chart, name, b.updates(), median)) {
                    XYSeries m = chart.getSeriesMap().get(name);
                    m.setLineColor(color);
                    m.setLineStyle(new BasicStroke(2f));
                }
                k++;
            }
            XYSeries base = chart.addSeries("baseline", new double[] {0, Math.max(lastUpdate, 1)}, new double[] {1, 1});
            base.setMarker(SeriesMarkers.NONE);
            base.setLineColor(Color.DARK_GRAY);
            base.setLineStyle(dashed(1.2f));
            base.setShowInLegend(false);
            panels.add(chart);
        }
        Panels.Size size = Panels.save(panels, COLUMNS, directory, CURVES);
        return new Figure(CURVES, "Learning curves",
                "Held-out loss divided by the task's baseline loss (the loss of a model that ignores the sequence's "
                        + "history; dashed line at 1) against updates, one panel per configuration, log scale shared "
                        + "by all panels. Line: median over seeds; band: 25% to 75% quantiles. A run that stopped "
                        + "early (solved) carries its last evaluation forward, so the median does not jump when "
                        + "successful runs leave; a diverged run counts as infinitely bad."
                        + (table.hasXAxis() ? " One colour per value of " + table.folder.x + "." : ""),
                size.width(), size.height());
    }

    private record Series(JsonNode x, LearningCurves.Band band, int runs) {
    }

    private static XYChart panel(StudyTable.Configuration c, String xTitle, String yTitle) {
        XYChart chart = chart(PANEL_WIDTH, PANEL_HEIGHT, "", xTitle, yTitle);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        chart.getStyler().setChartTitleFont(font);
        chart.setTitle(fit(c.id() + " " + c.label(), font, PANEL_WIDTH - 16));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setLegendSeriesLineLength(18);
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    /** {@code text}, cut with "…" to fit {@code width} pixels in {@code font}. */
    static String fit(String text, Font font, int width) {
        java.awt.image.BufferedImage probe = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = probe.createGraphics();
        try {
            java.awt.FontMetrics fm = g.getFontMetrics(font);
            if (fm.stringWidth(text) <= width) {
                return text;
            }
            String cut = text;
            while (cut.length() > 1 && fm.stringWidth(cut + "…") > width) {
                cut = cut.substring(0, cut.length() - 1);
            }
            return cut + "…";
        } finally {
            g.dispose();
        }
    }

    private static double clamp(double v, double lo, double hi) {
        if (Double.isNaN(v)) {
            return lo;
        }
        return Math.max(lo, Math.min(hi, v));
    }

    /** Adds the points whose y is finite and positive; false if there is none. */
    private static boolean addLine(XYChart chart, String name, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && Double.isFinite(x[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return false;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        return true;
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    // ---- 3. gradient flow ----

    private static Figure flow(StudyTable table, Path directory, List<String> notes) throws IOException {
        Map<StudyTable.Configuration, List<FlowSeries>> byConfiguration = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        int withFlow = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        int longest = 0;
        for (StudyTable.Configuration c : table.configurations) {
            List<FlowSeries> series = new ArrayList<>();
            for (StudyTable.GridPoint p : table.pointsOf(c)) {
                List<RunFiles.Flow> flows = new ArrayList<>();
                for (StudyFolder.RunResult r : p.finished()) {
                    RunFiles.Read<RunFiles.Flow> read = RunFiles.flow(table.folder.runDirectory(r.id()));
                    if (read.value() == null) {
                        missing.add("run " + r.id() + ": " + read.problem());
                    } else {
                        flows.add(read.value());
                        withFlow++;
                    }
                }
                if (flows.isEmpty()) {
                    continue;
                }
                double[] first = medianByStep(flows.stream().map(RunFiles.Flow::first).toList());
                double[] last = medianByStep(flows.stream().map(RunFiles.Flow::last).toList());
                long firstUpdate = flows.stream().mapToLong(RunFiles.Flow::firstUpdate).min().orElse(0);
                long lastUpdate = flows.stream().mapToLong(RunFiles.Flow::lastUpdate).max().orElse(0);
                series.add(new FlowSeries(p.x(), first, last, firstUpdate, lastUpdate, flows.size()));
                for (double[] a : new double[][] {first, last}) {
                    longest = Math.max(longest, a.length);
                    for (double v : a) {
                        if (v > 0 && Double.isFinite(v)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
            }
            byConfiguration.put(c, series);
        }
        if (withFlow == 0) {
            notes.add("No gradient-flow figure: no finished run has diagnostics"
                    + (missing.isEmpty() ? "." : " (" + missing.get(0) + (missing.size() > 1 ? ", and so on for all "
                            + missing.size() + " runs)." : ")."))
                    + " Record them with record.diagnosticsEvery > 0 in the study's base spec.");
            return null;
        }
        if (!missing.isEmpty()) {
            notes.add("The gradient-flow figure leaves out " + missing.size() + (missing.size() == 1 ? " run" : " runs")
                    + " without diagnostics: " + String.join("; ", missing) + ".");
        }
        boolean wide = max > 0 && Math.log10(max / min) > MAX_LOG_DECADES;
        String yTitle = wide ? "log10 ||dL/dh_t||" : "||dL/dh_t|| (log scale)";
        double yMin = wide ? Math.floor(Math.log10(min)) : Math.pow(10, Math.floor(Math.log10(min)));
        double yMax = wide ? Math.ceil(Math.log10(max)) : Math.pow(10, Math.ceil(Math.log10(max)));
        if (yMin == yMax) {
            yMax = wide ? yMin + 1 : yMin * 10;
        }
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<StudyTable.Configuration, List<FlowSeries>> e : byConfiguration.entrySet()) {
            XYChart chart = panel(e.getKey(), "step t (T = last)", yTitle);
            chart.getStyler().setYAxisLogarithmic(!wide);
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(yMax);
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax((double) Math.max(1, longest - 1));
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            if (e.getValue().isEmpty()) {
                chart.setTitle(chart.getTitle() + " (no diagnostics)");
                XYSeries none = chart.addSeries("no diagnostics", new double[] {0}, new double[] {wide ? yMin : yMin});
                none.setMarker(SeriesMarkers.NONE);
            }
            for (FlowSeries s : e.getValue()) {
                Color color = color(s.x() == null ? 0 : table.indexOfX(s.x()));
                // With several x values the legend names them by colour only; the caption says dashed is the start.
                boolean byX = s.x() != null && table.hasXAxis();
                String startName = byX ? table.folder.x + "=" + StudyTable.shortValue(s.x()) + " start"
                        : "update " + s.firstUpdate() + " (start)";
                String endName = byX ? table.folder.x + "=" + StudyTable.shortValue(s.x()) + ", update " + s.lastUpdate()
                        : "update " + s.lastUpdate() + " (end)";
                if (addLine(chart, startName, steps(s.first().length), logIf(wide, s.first()))) {
                    XYSeries l = chart.getSeriesMap().get(startName);
                    l.setLineColor(color);
                    l.setLineStyle(dashed(1.6f));
                    l.setShowInLegend(!byX);
                }
                if (addLine(chart, endName, steps(s.last().length), logIf(wide, s.last()))) {
                    XYSeries l = chart.getSeriesMap().get(endName);
                    l.setLineColor(color);
                    l.setLineStyle(new BasicStroke(2f));
                }
            }
            panels.add(chart);
        }
        Panels.Size size = Panels.save(panels, COLUMNS, directory, FLOW);
        return new Figure(FLOW, "Gradient flow through time",
                "||dL/dh_t|| of layer 0 (Frobenius norm over the batch) against the step t, at the first diagnostics "
                        + "record (dashed, near initialization) and at the last (solid, the end of training), median over "
                        + "seeds, one panel per configuration; "
                        + (wide ? "log10 of the norm, as the values span more than " + (int) MAX_LOG_DECADES + " decades"
                                : "log scale")
                        + ", shared by all panels. A curve that falls towards t = 0 is a vanishing gradient: "
                        + "early inputs barely reach the loss.",
                size.width(), size.height());
    }

    private record FlowSeries(JsonNode x, double[] first, double[] last, long firstUpdate, long lastUpdate, int runs) {
    }

    /** The median over arrays at each index that at least one array has; NaN entries (not finite in the file) drop out. */
    static double[] medianByStep(List<double[]> arrays) {
        int length = arrays.stream().mapToInt(a -> a.length).max().orElse(0);
        double[] out = new double[length];
        for (int t = 0; t < length; t++) {
            List<Double> at = new ArrayList<>();
            for (double[] a : arrays) {
                if (t < a.length) {
                    at.add(a[t]);
                }
            }
            out[t] = Stats.median(at.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] logIf(boolean wide, double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0) || !Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            } else if (wide) {
                out[i] = Math.log10(out[i]);
            }
        }
        return out;
    }
}
