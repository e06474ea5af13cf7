package org.rnnlab.experiments.plots;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.experiments.io.AtomicFiles;

/**
 * Writing XChart charts as {@code NAME.png} and {@code NAME.svg}, without a display
 * ({@code java.awt.headless} is set to true before the first chart), each file atomically.
 */
public final class Figures {
    /** Every figure's size in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Figures() {
    }

    /** A line chart of the standard size, legend inside at the top right. */
    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /**
     * Adds a line of the points (x_i, y_i) whose y is finite (and positive if {@code positive}, for a
     * logarithmic axis); a line with no such point is left out. Returns whether it was added.
     */
    public static boolean line(XYChart chart, String name, double[] x, double[] y, boolean positive) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && Double.isFinite(x[i]) && (!positive || y[i] > 0)) {
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

    /** Decades of range up to which a logarithmic axis stays legible; beyond, log10 of the values is drawn. */
    static final double MAX_LOG_DECADES = 12;

    /**
     * Adds lines on a log scale: on XChart's logarithmic axis when the positive values span at most
     * {@value #MAX_LOG_DECADES} decades, else (a vanished gradient spans a hundred) as log10 of the
     * values on a linear axis titled "log10 " + {@code yTitle}. Non-positive and non-finite points are
     * left out. Returns whether any line was added.
     */
    public static boolean logLines(XYChart chart, String yTitle, List<String> names, List<double[]> xs, List<double[]> ys) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] y : ys) {
            for (double v : y) {
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean wide = max > 0 && Math.log10(max / min) > MAX_LOG_DECADES;
        chart.setYAxisTitle(wide ? "log10 " + yTitle : yTitle + " (log scale)");
        chart.getStyler().setYAxisLogarithmic(!wide);
        boolean any = false;
        for (int i = 0; i < names.size(); i++) {
            double[] y = ys.get(i).clone();
            if (wide) {
                for (int k = 0; k < y.length; k++) {
                    y[k] = y[k] > 0 ? Math.log10(y[k]) : Double.NaN;
                }
            }
            any |= line(chart, names.get(i), xs.get(i), y, !wide);
        }
        return any;
    }

    /** A horizontal line at {@code y} across [x0, x1], dashed. */
    public static void horizontal(XYChart chart, String name, double x0, double x1, double y) {
        XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        s.setLineColor(java.awt.Color.DARK_GRAY);
    }

    /** Writes {@code name}.png and {@code name}.svg into {@code directory}; returns the file names. */
    public static List<String> save(Chart<?, ?> chart, Path directory, String name) throws IOException {
        AtomicFiles.write(directory.resolve(name + ".png"),
                out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(directory.resolve(name + ".svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, (OutputStream) out,
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return List.of(name + ".png", name + ".svg");
    }
}
