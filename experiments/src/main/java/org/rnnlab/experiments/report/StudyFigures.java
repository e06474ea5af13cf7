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
 * The figures of a study report, each written as PNG and SVG into {@code figures/}:
 * <ol>
 *   <li>{@value #SUCCESS}: success rate with its Wilson 95% interval against the study's x axis, one
 *       line per configuration, at most {@value #MAX_LINES} to a panel ({@link #successPanels}); without
 *       an x axis of two values or more, one dot per configuration;
 *   <li>{@value #SUCCESS_BY_X}, only with such an x axis: the same rates as a forest, one column per x
 *       value;
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
        if (table.hasXAxis()) {
            figures.add(successByX(table, directory));
        }
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

    /** Lines a success-rate panel holds at most: beyond, lines and their intervals hide each other. */
    static final int MAX_LINES = 6;
    static final int SUCCESS_PANEL_WIDTH = 460;

    /**
     * One panel of "success rate against x": its title, its configurations, the axis its title names (null
     * if none), which the legend then leaves out, and whether it pools variants of one configuration each.
     */
    record SuccessPanel(String title, List<StudyTable.Configuration> configurations, String splitAxis, boolean pooled) {
    }

    /**
     * The panels of "success rate against x", in run order: every variant with one configuration shares one
     * panel ("lstm, gru, indrnn"), placed where the first of them comes; a variant with more than
     * {@value #MAX_LINES} configurations is split by the value of its first axis that varies (elman:
     * activation = sigmoid, tanh, relu), if that leaves two lines or more to a panel on average; any panel
     * still above {@value #MAX_LINES} lines is cut, in run order, into parts of nearly equal size.
     */
    static List<SuccessPanel> successPanels(StudyTable table) {
        List<String> variants = table.variants();
        Map<String, List<StudyTable.Configuration>> byVariant = new LinkedHashMap<>();
        for (StudyTable.Configuration c : table.configurations) {
            byVariant.computeIfAbsent(c.variant(), k -> new ArrayList<>()).add(c);
        }
        // Named variants of one configuration; a study without variants ("") has nothing to pool.
        List<String> singles = variants.stream().filter(v -> !v.isEmpty() && byVariant.get(v).size() == 1).toList();
        List<SuccessPanel> out = new ArrayList<>();
        for (String variant : variants) {
            List<StudyTable.Configuration> cs = byVariant.get(variant);
            if (singles.size() > 1 && singles.contains(variant)) {
                if (variant.equals(singles.get(0))) {
                    List<StudyTable.Configuration> pooled = singles.stream().map(v -> byVariant.get(v).get(0)).toList();
                    addParts(out, String.join(", ", singles), pooled, null, true);
                }
                continue;
            }
            String name = variant;
            if (cs.size() <= MAX_LINES) {
                addParts(out, name.isEmpty() ? "all configurations" : name, cs, null, false);
                continue;
            }
            String split = splitAxis(table, cs);
            if (split == null) {
                addParts(out, name.isEmpty() ? "all configurations" : name, cs, null, false);
                continue;
            }
            Map<String, List<StudyTable.Configuration>> byValue = new LinkedHashMap<>();
            Map<String, String> shown = new LinkedHashMap<>();
            for (StudyTable.Configuration c : cs) {
                JsonNode v = c.values().get(split);
                String key = String.valueOf(v);
                byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                shown.putIfAbsent(key, v == null ? "not set" : StudyTable.shortValue(v));
            }
            for (Map.Entry<String, List<StudyTable.Configuration>> e : byValue.entrySet()) {
                String title = (name.isEmpty() ? "" : name + ": ") + StudyTable.shortAxis(split) + " = " + shown.get(e.getKey());
                addParts(out, title, e.getValue(), split, false);
            }
        }
        return out;
    }

    /** Adds {@code cs} as one panel, or as "(1 of n)" parts of at most {@value #MAX_LINES} lines. */
    private static void addParts(List<SuccessPanel> out, String title, List<StudyTable.Configuration> cs, String split,
            boolean pooled) {
        int parts = (cs.size() + MAX_LINES - 1) / MAX_LINES;
        for (int i = 0; i < parts; i++) {
            // Equal shares (7 lines as 4 + 3, not 6 + 1), so that no part is a lone line.
            int from = i * cs.size() / parts;
            int to = (i + 1) * cs.size() / parts;
            out.add(new SuccessPanel(parts == 1 ? title : title + " (" + (i + 1) + " of " + parts + ")",
                    cs.subList(from, to), split, pooled));
        }
    }

    /**
     * The first axis of the study (x aside) that splits the configurations into groups of two lines or more
     * on average; null if none does. An axis of seven learning rates would give seven panels of one line,
     * worse than two panels cut in run order.
     */
    private static String splitAxis(StudyTable table, List<StudyTable.Configuration> cs) {
        for (String axis : table.folder.axes) {
            if (axis.equals(table.folder.x)) {
                continue;
            }
            long values = cs.stream().map(c -> String.valueOf(c.values().get(axis))).distinct().count();
            if (values > 1 && cs.size() >= 2 * values) {
                return axis;
            }
        }
        return null;
    }

    private static Figure success(StudyTable table, Path directory) throws IOException {
        String x = table.folder.x;
        if (!table.hasXAxis()) {
            return successDots(table, directory);
        }
        boolean numeric = table.xValues.stream().allMatch(JsonNode::isNumber);
        double first = numeric ? table.xValues.get(0).asDouble() : 0;
        double last = numeric ? table.xValues.get(table.xValues.size() - 1).asDouble() : table.xValues.size() - 1;
        // The distance between neighbouring x values on average: jitter and padding are shares of it.
        double step = (last - first) / (table.xValues.size() - 1);
        List<SuccessPanel> groups = successPanels(table);
        int most = groups.stream().mapToInt(g -> g.configurations().size()).max().orElse(1);
        // Legend below the plot, one line per entry: every panel gets the height of the fullest one.
        int height = 330 + 17 * most;
        Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        List<XYChart> panels = new ArrayList<>();
        for (SuccessPanel group : groups) {
            List<StudyTable.Configuration> cs = group.configurations();
            Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
            XYChart chart = chart(SUCCESS_PANEL_WIDTH, height, fit(group.title(), titleFont, SUCCESS_PANEL_WIDTH - 20), x,
                    "runs solved (Wilson 95%)");
            org.knowm.xchart.style.XYStyler st = chart.getStyler();
            st.setLegendPosition(Styler.LegendPosition.OutsideS);
            st.setLegendLayout(Styler.LegendLayout.Vertical);
            st.setLegendFont(legendFont);
            st.setLegendSeriesLineLength(22);
            st.setMarkerSize(7);
            st.setYAxisMin(-0.02);
            st.setYAxisMax(1.02);
            st.setYAxisDecimalPattern("0%");
            // Padding of a fifth of a step keeps the shifted end points and their bars off the plot's border.
            st.setXAxisMin(first - 0.2 * step);
            st.setXAxisMax(last + 0.2 * step);
            if (!numeric) {
                st.setxAxisTickLabelsFormattingFunction(d -> categoryLabel(table.xValues, d));
            }
            for (int j = 0; j < cs.size(); j++) {
                StudyTable.Configuration c = cs.get(j);
                // Lines at the same x would hide each other's intervals: within the panel (at most six lines), each
                // configuration is shifted by a small, fixed share of the step, the panel's lines centred on the value.
                double dodge = (j - (cs.size() - 1) / 2.0) * step * 0.035;
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
                // Colour and marker by position in the panel: the same position in two panels of a split variant is
                // the same setting of the other axes (sigmoid's C1 and tanh's C7 are both "normal, none").
                Color color = color(j);
                String label = fit(c.id() + "  " + legendLabel(c, group), legendFont, SUCCESS_PANEL_WIDTH - 60);
                XYSeries s = chart.addSeries(label, xs, ys);
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setMarker(MARKERS[j % MARKERS.length]);
                s.setLineStyle(new BasicStroke(1.8f));
                for (double[] iv : intervals) {
                    XYSeries bar = chart.addSeries(c.id() + " interval at " + iv[0], new double[] {iv[0], iv[0]},
                            new double[] {iv[1], iv[2]});
                    bar.setShowInLegend(false);
                    bar.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 170));
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineStyle(new BasicStroke(1.1f));
                }
            }
            // XChart gives the plot what the legend leaves: blank entries pad every legend to the fullest panel's
            // number of lines, so that all plots have one height and their shared y axes line up row by row.
            for (int j = cs.size(); j < most; j++) {
                XYSeries pad = chart.addSeries(" ".repeat(j + 1), new double[] {first}, new double[] {0});
                pad.setLineColor(new Color(0, 0, 0, 0));
                pad.setMarker(SeriesMarkers.NONE);
            }
            panels.add(chart);
        }
        // Four panels read better as 2 x 2 than as 3 + 1.
        int columns = panels.size() == 4 ? 2 : Math.min(panels.size(), COLUMNS);
        Panels.Size size = Panels.save(panels, columns, directory, SUCCESS);
        return new Figure(SUCCESS, "Success rate against " + x,
                "Share of seeds that met the task's success criterion, with the Wilson score 95% interval as a "
                        + "vertical bar, one line per configuration, at most " + MAX_LINES + " to a panel"
                        + panelRule(groups) + ". Within a panel the lines are shifted slightly along x so that their "
                        + "intervals do not hide each other. Configuration ids (C1, C2, ...) are those of the summary table.",
                size.width(), size.height());
    }

    /** How the caption explains the panels: only the rules that this figure used. */
    private static String panelRule(List<SuccessPanel> groups) {
        if (groups.size() == 1) {
            return "";
        }
        List<String> rules = new ArrayList<>();
        if (groups.stream().anyMatch(SuccessPanel::pooled)) {
            rules.add("variants of one configuration share a panel");
        }
        if (groups.stream().anyMatch(g -> g.splitAxis() != null)) {
            rules.add("a variant of more than " + MAX_LINES + " configurations is split by the value of its first varying axis, "
                    + "which the panel's title names");
        }
        if (groups.stream().anyMatch(g -> g.title().matches(".* \\(\\d+ of \\d+\\)"))) {
            rules.add("a larger group is cut in run order into parts (1 of n, ...)");
        }
        rules.add("all panels share the y range 0-100%");
        return ": " + String.join("; ", rules);
    }

    static final String SUCCESS_BY_X = "success-rate-by-x";

    /**
     * The success rates of figure 1 as a forest, one column per x value with the rows (configurations)
     * aligned: where figure 1 shows how each configuration fares as x grows, this compares all
     * configurations at each x at a glance.
     */
    private static Figure successByX(StudyTable table, Path directory) throws IOException {
        String x = table.folder.x;
        List<String> variants = table.variants();
        List<String> columns = table.xValues.stream().map(v -> x + " = " + StudyTable.shortValue(v))
                .toList();
        List<ForestPlot.Row> rows = new ArrayList<>();
        for (StudyTable.Configuration c : table.configurations) {
            List<Stats.Rate> rates = new ArrayList<>(java.util.Collections.nCopies(table.xValues.size(), (Stats.Rate) null));
            for (StudyTable.GridPoint p : table.pointsOf(c)) {
                int i = p.x() == null ? -1 : table.indexOfX(p.x());
                if (i >= 0) {
                    rates.set(i, p.success());
                }
            }
            rows.add(new ForestPlot.Row(c.id() + "  " + c.label(), variants.indexOf(c.variant()), rates));
        }
        String title = "Success rate per configuration at each " + x;
        Panels.Size size = ForestPlot.save(title, "runs solved (share of seeds; bar: Wilson 95% interval)", columns, rows,
                variants, directory, SUCCESS_BY_X);
        return new Figure(SUCCESS_BY_X, title,
                "The success rates of the previous figure, one column per value of " + x + ", one row per configuration"
                        + (variants.size() > 1 ? " (coloured by variant)" : "") + ": a dot at the share of seeds "
                        + "solved, a bar over the Wilson score 95% interval, solved/runs beside it. Read across a row to "
                        + "follow a configuration as " + x + " grows, down a column to compare configurations at one value.",
                size.width(), size.height());
    }

    private static String categoryLabel(List<JsonNode> values, double d) {
        long i = Math.round(d);
        if (Math.abs(d - i) > 1e-9 || i < 0 || i >= values.size()) {
            return " ";
        }
        return StudyTable.shortValue(values.get((int) i));
    }

    /**
     * A legend entry: in a pooled panel (variants of one configuration each) the whole label, as the variant
     * is what tells the lines apart; otherwise without the variant and the split axis, which the panel's
     * title names.
     */
    private static String legendLabel(StudyTable.Configuration c, SuccessPanel panel) {
        if (panel.pooled()) {
            return c.label();
        }
        Map<String, JsonNode> rest = new LinkedHashMap<>(c.values());
        if (panel.splitAxis() != null) {
            rest.remove(panel.splitAxis());
        }
        String values = StudyTable.label("", rest);
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
