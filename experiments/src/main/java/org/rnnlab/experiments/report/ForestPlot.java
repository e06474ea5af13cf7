package org.rnnlab.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.rnnlab.experiments.io.AtomicFiles;

/**
 * A forest plot of success rates: one row per configuration, its label on the left, a dot at the rate
 * and a bar over its Wilson interval, "k/n" on the right; optionally several such columns side by side
 * (one per x value) with the rows aligned. XChart (3.8) has no categorical axis for XY
 * charts, and its category charts only draw symmetric error bars, so this figure is drawn directly, to
 * PNG with Java2D and to SVG by hand, from one list of shapes.
 */
final class ForestPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * One row: label, colour group (variant), and its rate in each column (null where the row has no grid
     * point at that column's x value).
     */
    record Row(String label, int group, List<Stats.Rate> rates) {
        Row(String label, int group, Stats.Rate rate) {
            this(label, group, java.util.Collections.singletonList(rate));
        }
    }

    private sealed interface Shape permits Line, Dot, Text, Box {
    }

    private record Line(double x1, double y1, double x2, double y2, Color color, float width, boolean dashed) implements Shape {
    }

    private record Dot(double x, double y, double r, Color color, boolean square) implements Shape {
    }

    /** {@code anchor}: -1 left, 0 centre, 1 right. */
    private record Text(double x, double y, String text, int size, boolean bold, int anchor, Color color) implements Shape {
    }

    private record Box(double x, double y, double w, double h, Color fill, Color stroke) implements Shape {
    }

    private static final int WIDTH = 1200;
    private static final int ROW = 24;
    /** Right of each column's plot: the "k/n" column. */
    private static final int SOLVED = 70;
    /** Between two columns. */
    private static final int GAP = 24;
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);

    private ForestPlot() {
    }

    /** One column of rates: {@link #save(String, String, List, List, List, Path, String)} without column titles. */
    static Panels.Size save(String title, String axisTitle, List<Row> rows, List<String> groups, Path directory,
            String name) throws IOException {
        return save(title, axisTitle, List.of(""), rows, groups, directory, name);
    }

    /**
     * Draws the rows and writes {@code name}.png and {@code name}.svg; returns the size. With several
     * {@code columns} (one per x value), each gets its own 0-100% axis side by side, titled, and every row
     * stays on one line across them, so a configuration reads from left to right and the columns compare
     * from top to bottom.
     */
    static Panels.Size save(String title, String axisTitle, List<String> columns, List<Row> rows, List<String> groups,
            Path directory, String name) throws IOException {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font(12, false));
        int labelWidth = rows.stream().mapToInt(r -> fm.stringWidth(r.label())).max().orElse(100);
        pg.dispose();
        int k = columns.size();
        int left = Math.min(labelWidth + 28, k == 1 ? WIDTH / 2 : 420);
        // One column keeps the single-plot layout of 1200 px; several share about 1300 px, each at least 220 wide.
        int plotWidth = k == 1 ? WIDTH - left - SOLVED
                : Math.max(220, Math.min(480, (1300 - left - (k - 1) * GAP) / k - SOLVED));
        int width = left + k * (plotWidth + SOLVED) + (k - 1) * GAP;
        boolean titled = k > 1 || !columns.get(0).isEmpty();
        int top = titled ? 78 : 56;
        int height = top + rows.size() * ROW + 92;
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Box(0, 0, width, height, Color.WHITE, null));
        shapes.add(new Text(width / 2.0, 24, title, 15, true, 0, INK));
        int bottom = top + rows.size() * ROW;
        for (int i = 0; i < rows.size(); i++) {
            if (i % 2 == 1) {
                shapes.add(new Box(8, top + i * ROW, width - 16, ROW, new Color(0xF5F6F8), null));
            }
        }
        for (int col = 0; col < k; col++) {
            double x0 = left + col * (plotWidth + SOLVED + GAP);
            if (titled) {
                shapes.add(new Text(x0 + plotWidth / 2.0, top - 30, columns.get(col), 13, true, 0, INK));
            }
            shapes.add(new Text(x0 + plotWidth + SOLVED / 2.0, top - 8, "solved", 11, true, 0, INK));
            for (int p = 0; p <= 100; p += 10) {
                double x = x0 + plotWidth * p / 100.0;
                shapes.add(new Line(x, top, x, bottom, GRID, p % 50 == 0 ? 1.2f : 0.8f, p % 50 != 0));
                // Narrow columns label every 25% only, so that the labels do not run into each other.
                if (plotWidth >= 300 || p % 50 == 0) {
                    shapes.add(new Text(x, bottom + 18, p + "%", 11, false, 0, INK));
                }
            }
            shapes.add(new Line(x0, bottom, x0 + plotWidth, bottom, INK, 1f, false));
        }
        double plotsRight = left + k * (plotWidth + SOLVED) + (k - 1) * GAP - SOLVED;
        shapes.add(new Text((left + plotsRight) / 2, bottom + 40, axisTitle, 12, false, 0, INK));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y = top + i * ROW + ROW / 2.0;
            if (i > 0 && rows.get(i - 1).group() != r.group()) {
                shapes.add(new Line(8, top + i * ROW, width - 8, top + i * ROW, new Color(0x999999), 1f, false));
            }
            shapes.add(new Text(left - 14, y + 4, StudyFigures.fit(r.label(), font(12, false), left - 24), 12, false, 1, INK));
            Color c = StudyFigures.color(r.group());
            for (int col = 0; col < k; col++) {
                double x0 = left + col * (plotWidth + SOLVED + GAP);
                Stats.Rate rate = col < r.rates().size() ? r.rates().get(col) : null;
                if (rate == null || Double.isNaN(rate.rate())) {
                    shapes.add(new Text(x0 + 6, y + 4, rate == null ? "not in the grid" : "no finished run", 11, false, -1,
                            new Color(0x777777)));
                    continue;
                }
                double lo = x0 + plotWidth * rate.low();
                double hi = x0 + plotWidth * rate.high();
                shapes.add(new Line(lo, y, hi, y, c, 2.5f, false));
                shapes.add(new Line(lo, y - 5, lo, y + 5, c, 1.5f, false));
                shapes.add(new Line(hi, y - 5, hi, y + 5, c, 1.5f, false));
                shapes.add(new Dot(x0 + plotWidth * rate.rate(), y, 5.5, c, r.group() % 2 == 1));
                shapes.add(new Text(x0 + plotWidth + SOLVED / 2.0, y + 4, rate.successes() + "/" + rate.trials(), 12, false, 0,
                        INK));
            }
        }
        if (groups.size() > 1) {
            double x = left;
            double y = bottom + 66;
            for (int g = 0; g < groups.size(); g++) {
                shapes.add(new Dot(x + 6, y - 4, 5.5, StudyFigures.color(g), g % 2 == 1));
                shapes.add(new Text(x + 18, y, groups.get(g), 12, false, -1, INK));
                x += 40 + 8 * groups.get(g).length();
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\">\n");
        for (Shape s : shapes) {
            draw(g, s);
            svg.append(svg(s)).append('\n');
        }
        g.dispose();
        svg.append("</svg>\n");
        AtomicFiles.write(directory.resolve(name + ".png"), out -> ImageIO.write(image, "png", out));
        AtomicFiles.writeString(directory.resolve(name + ".svg"), svg.toString());
        return new Panels.Size(width, height);
    }

    private static Font font(int size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size);
    }

    private static void draw(Graphics2D g, Shape s) {
        if (s instanceof Line l) {
            g.setColor(l.color());
            g.setStroke(l.dashed() ? new BasicStroke(l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {3f, 3f}, 0f) : new BasicStroke(l.width()));
            g.draw(new java.awt.geom.Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
        } else if (s instanceof Dot d) {
            g.setColor(d.color());
            if (d.square()) {
                g.fill(new java.awt.geom.Rectangle2D.Double(d.x() - d.r(), d.y() - d.r(), 2 * d.r(), 2 * d.r()));
            } else {
                g.fill(new java.awt.geom.Ellipse2D.Double(d.x() - d.r(), d.y() - d.r(), 2 * d.r(), 2 * d.r()));
            }
        } else if (s instanceof Text t) {
            g.setColor(t.color());
            g.setFont(font(t.size(), t.bold()));
            int w = g.getFontMetrics().stringWidth(t.text());
            double x = t.anchor() < 0 ? t.x() : t.anchor() == 0 ? t.x() - w / 2.0 : t.x() - w;
            g.drawString(t.text(), (float) x, (float) t.y());
        } else if (s instanceof Box b) {
            g.setColor(b.fill());
            g.fill(new java.awt.geom.Rectangle2D.Double(b.x(), b.y(), b.w(), b.h()));
        }
    }

    private static String svg(Shape s) {
        if (s instanceof Line l) {
            return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"%.1f\"%s/>", l.x1(), l.y1(), l.x2(), l.y2(), hex(l.color()), l.width(),
                    l.dashed() ? " stroke-dasharray=\"3 3\"" : "");
        }
        if (s instanceof Dot d) {
            return d.square()
                    ? String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                            d.x() - d.r(), d.y() - d.r(), 2 * d.r(), 2 * d.r(), hex(d.color()))
                    : String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", d.x(), d.y(),
                            d.r(), hex(d.color()));
        }
        if (s instanceof Text t) {
            return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\"%s text-anchor=\"%s\" fill=\"%s\">"
                    + "%s</text>", t.x(), t.y(), t.size(), t.bold() ? " font-weight=\"bold\"" : "",
                    t.anchor() < 0 ? "start" : t.anchor() == 0 ? "middle" : "end", hex(t.color()), StudyReport.esc(t.text()));
        }
        Box b = (Box) s;
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", b.x(),
                b.y(), b.w(), b.h(), hex(b.fill()));
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }
}
