package org.rnnlab.experiments.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.experiments.io.AtomicFiles;

/**
 * Small multiples: several XChart charts of one size laid out in a grid and written as one PNG and one
 * SVG. XChart draws one chart per image; a study has up to a few dozen configurations, and one figure
 * of panels with shared axes compares them at a glance where a single chart with dozens of lines
 * would not.
 */
final class Panels {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    private Panels() {
    }

    /** The pixel size of a written figure. */
    record Size(int width, int height) {
    }

    /**
     * Writes {@code name}.png and {@code name}.svg into {@code directory}: the charts row by row,
     * {@code columns} to a row, each {@code panelWidth} x {@code panelHeight} (every chart must have that
     * size).
     */
    static Size save(List<? extends Chart<?, ?>> charts, int columns, Path directory, String name) throws IOException {
        int panelWidth = charts.get(0).getWidth();
        int panelHeight = charts.get(0).getHeight();
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int width = cols * panelWidth;
        int height = rows * panelHeight;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" ")
                .append("xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < charts.size(); i++) {
            Chart<?, ?> chart = charts.get(i);
            if (chart.getWidth() != panelWidth || chart.getHeight() != panelHeight) {
                throw new IllegalArgumentException("panels must be of one size: " + panelWidth + "x" + panelHeight
                        + " vs " + chart.getWidth() + "x" + chart.getHeight());
            }
            int x = (i % cols) * panelWidth;
            int y = (i / cols) * panelHeight;
            g.drawImage(BitmapEncoder.getBufferedImage(chart), x, y, null);
            svg.append(nested(svgOf(chart), "p" + i + "-", x, y)).append('\n');
        }
        g.dispose();
        svg.append("</svg>\n");
        AtomicFiles.write(directory.resolve(name + ".png"), out -> ImageIO.write(image, "png", out));
        AtomicFiles.writeString(directory.resolve(name + ".svg"), svg.toString());
        return new Size(width, height);
    }

    private static String svgOf(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, (OutputStream) bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * One chart's SVG as an element placed at (x, y) of the grid: its prologue dropped, and its ids (clip
     * paths) prefixed, as ids must be unique in the whole document.
     */
    static String nested(String svg, String prefix, int x, int y) {
        int start = svg.indexOf("<svg");
        String body = svg.substring(start);
        Matcher m = ID.matcher(body);
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        for (String id : ids) {
            body = body.replace("id=\"" + id + "\"", "id=\"" + prefix + id + "\"")
                    .replace("url(#" + id + ")", "url(#" + prefix + id + ")")
                    .replace("href=\"#" + id + "\"", "href=\"#" + prefix + id + "\"");
        }
        int end = body.indexOf('>');
        String open = body.substring(4, end).replaceAll("\\s(x|y)=\"[^\"]*\"", "");
        sb.append("<svg x=\"").append(x).append("\" y=\"").append(y).append("\"").append(open).append(body.substring(end));
        return sb.toString();
    }
}
