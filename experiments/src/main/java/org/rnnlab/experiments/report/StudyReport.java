package org.rnnlab.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.experiments.io.AtomicFiles;

/**
 * The report of a study, rebuilt from the study folder's files alone (docs/studies.md): the study's
 * name, description and source (the published result beside ours), how it was run, three or four figures
 * ({@link StudyFigures}), the summary table (success rate with its Wilson 95% interval, median updates
 * to solve, median final loss), every run's results and the spec.
 *
 * <pre>{@code
 * Path html = StudyReport.write(Path.of("studies/x"));   // also studies/x/report.md and studies/x/figures/
 * }</pre>
 *
 * <p>{@value #HTML} is one self-contained file (CSS inline, figures as base64 PNG, no script, nothing
 * fetched); {@value #MARKDOWN} links the PNGs of {@code figures/}. The date shown is the earliest start
 * recorded in the runs' {@code spec.json}, not the clock, so rebuilding gives the same files.
 */
public final class StudyReport {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    public static final String FIGURES = StudyFigures.DIRECTORY;
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(YAMLGenerator.Feature.SPLIT_LINES).build();
    /** How many grid points the "this study" side of the source comparison lists. */
    private static final int BEST = 5;

    private StudyReport() {
    }

    /**
     * Writes {@value #HTML}, {@value #MARKDOWN} and {@code figures/} into {@code studyDirectory}.
     *
     * @return the path of {@value #HTML}
     * @throws StudyFileException if the folder is not a study or a file it needs is missing or malformed
     * @throws IOException if a file cannot be written
     */
    public static Path write(Path studyDirectory) throws IOException {
        StudyFolder folder = StudyFolder.read(studyDirectory);
        StudyTable table = StudyTable.of(folder);
        StudyFigures.Drawn drawn = StudyFigures.write(table, studyDirectory.resolve(FIGURES));
        Content content = Content.of(table, drawn);
        AtomicFiles.writeString(studyDirectory.resolve(MARKDOWN), markdown(content));
        Path html = studyDirectory.resolve(HTML);
        AtomicFiles.writeString(html, html(content, studyDirectory.resolve(FIGURES)));
        return html;
    }

    /** A table as text cells. */
    record Table(List<String> header, List<List<String>> rows) {
    }

    /** Everything both renderings show, as text. */
    record Content(String name, String description, String citation, String published, List<String> ours,
            List<String[]> facts, List<StudyFigures.Figure> figures, List<String> notes, Table summary,
            List<String> axisNotes, Table results, String specYaml) {

        static Content of(StudyTable table, StudyFigures.Drawn drawn) throws IOException {
            StudyFolder f = table.folder;
            JsonNode source = f.spec.path("source");
            String citation = source.path("citation").isValueNode() ? source.path("citation").asText() : "";
            String published = source.path("published").isValueNode() ? source.path("published").asText() : "";
            return new Content(f.specText("study").isEmpty() ? f.directory.getFileName().toString() : f.specText("study"),
                    f.specText("description"), citation, published, StudyReport.ours(table), StudyReport.facts(table),
                    drawn.figures(), drawn.notes(), StudyReport.summary(table), StudyReport.axisNotes(table),
                    StudyReport.results(table),
                    YAML.writeValueAsString(f.spec).stripTrailing());
        }
    }

    // ---- content ----

    private static List<String> ours(StudyTable table) {
        List<StudyTable.GridPoint> finished = new ArrayList<>(table.gridPoints.stream()
                .filter(p -> !p.finished().isEmpty()).toList());
        finished.sort(Comparator.comparingDouble((StudyTable.GridPoint p) -> -p.success().low())
                .thenComparingDouble(p -> -p.success().rate()).thenComparingDouble(StudyTable.GridPoint::medianLossToBaseline));
        List<String> out = new ArrayList<>();
        long solved = table.folder.resultsById.values().stream().filter(StudyFolder.RunResult::solved).count();
        out.add(solved + " of " + table.folder.resultsById.size() + " finished runs solved the task. Best "
                + (finished.size() > BEST ? BEST + " of " + finished.size() + " grid points" : "grid points")
                + " by the lower end of the interval:");
        for (StudyTable.GridPoint p : finished.subList(0, Math.min(BEST, finished.size()))) {
            Stats.Rate r = p.success();
            StringBuilder sb = new StringBuilder();
            sb.append(p.configuration().id()).append(' ').append(p.configuration().label());
            if (p.x() != null) {
                sb.append(" at ").append(table.folder.x).append(" = ").append(StudyTable.shortValue(p.x()));
            }
            sb.append(": ").append(r.successes()).append('/').append(r.trials()).append(" solved ")
                    .append(interval(r));
            double u = p.medianUpdatesToSolve();
            if (Double.isFinite(u)) {
                sb.append(", median ").append(integer(u)).append(" updates to solve");
            }
            sb.append(", median held-out loss ").append(percent(p.medianLossToBaseline())).append(" of the baseline");
            out.add(sb.toString());
        }
        return out;
    }

    private static List<String[]> facts(StudyTable table) {
        StudyFolder f = table.folder;
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"rnnlab", f.study.path("rnnlab").asText("not recorded")});
        out.add(new String[] {"date", started(f)});
        String scale = f.study.path("scale").isTextual() ? f.study.path("scale").asText() : "none (the spec as written)";
        out.add(new String[] {"scale", scale});
        Map<String, Integer> statuses = new TreeMap<>();
        double wall = 0;
        for (StudyFolder.RunResult r : f.resultsById.values()) {
            statuses.merge(r.status(), 1, Integer::sum);
            if (Double.isFinite(r.wallSeconds())) {
                wall += r.wallSeconds();
            }
        }
        StringBuilder runs = new StringBuilder();
        runs.append(f.resultsById.size()).append(" of ").append(f.planned.size()).append(" planned runs finished");
        if (!statuses.isEmpty()) {
            runs.append(" (");
            List<String> parts = new ArrayList<>();
            statuses.forEach((k, v) -> parts.add(v + " " + k));
            runs.append(String.join(", ", parts)).append(')');
        }
        runs.append("; ").append(table.configurations.size()).append(table.configurations.size() == 1
                ? " configuration" : " configurations").append(", ").append(table.gridPoints.size())
                .append(table.gridPoints.size() == 1 ? " grid point" : " grid points");
        out.add(new String[] {"runs", runs.toString()});
        List<Long> seeds = f.planned.stream().map(StudyFolder.PlannedRun::seed).distinct().sorted().toList();
        out.add(new String[] {"seeds", seeds.toString().replace("[", "").replace("]", "")});
        JsonNode workers = f.study.path("workers");
        out.add(new String[] {"workers", workers.isNumber() ? workers.asText() : "not recorded"});
        out.add(new String[] {"run time", String.format(Locale.ROOT, "%.1f s summed over the finished runs", wall)});
        out.add(new String[] {"x axis", f.x == null ? "none" : f.x});
        if (f.study.path("sha256").isTextual()) {
            out.add(new String[] {"study.json sha256", f.study.path("sha256").asText()});
        }
        return out;
    }

    /** The earliest {@code provenance.started} of the runs' spec.json: the files' date, not the clock's. */
    private static String started(StudyFolder f) {
        String earliest = null;
        for (StudyFolder.PlannedRun r : f.planned) {
            String s = RunFiles.started(f.runDirectory(r.id()));
            if (s != null && (earliest == null || s.compareTo(earliest) < 0)) {
                earliest = s;
            }
        }
        return earliest == null ? "not recorded" : earliest.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")
                .replace("Z", " UTC") + " (first run's start)";
    }

    private static Table summary(StudyTable table) {
        List<String> header = new ArrayList<>(List.of("id", "variant"));
        List<String> shown = shownAxes(table);
        shown.forEach(a -> header.add(StudyTable.shortAxis(a)));
        header.addAll(List.of("runs", "solved", "success rate", "95% interval", "median updates to solve",
                "median final loss", "median held-out loss / baseline"));
        List<List<String>> rows = new ArrayList<>();
        for (StudyTable.Configuration c : table.configurations) {
            for (StudyTable.GridPoint p : table.pointsOf(c)) {
                List<String> row = new ArrayList<>();
                row.add(c.id());
                row.add(c.variant());
                for (String a : shown) {
                    JsonNode v = a.equals(table.folder.x) ? p.x() : c.values().get(a);
                    row.add(v == null ? "" : StudyTable.shortValue(v));
                }
                Stats.Rate r = p.success();
                row.add(p.finished().size() == p.planned().size() ? Integer.toString(p.planned().size())
                        : p.finished().size() + " of " + p.planned().size());
                row.add(Integer.toString(r.successes()));
                row.add(percent(r.rate()));
                row.add(interval(r));
                row.add(integer(p.medianUpdatesToSolve()));
                row.add(number(p.medianFinalLoss()));
                row.add(percent(p.medianLossToBaseline()));
                rows.add(row);
            }
        }
        return new Table(header, rows);
    }

    /** The axes a table shows: every axis of the study, x last. */
    private static List<String> shownAxes(StudyTable table) {
        List<String> shown = new ArrayList<>(table.folder.axes.stream().filter(a -> !a.equals(table.folder.x)).toList());
        if (table.folder.x != null && table.folder.axes.contains(table.folder.x)) {
            shown.add(table.folder.x);
        }
        return shown;
    }

    private static List<String> axisNotes(StudyTable table) {
        List<String> out = new ArrayList<>();
        for (String a : shownAxes(table)) {
            if (!StudyTable.shortAxis(a).equals(a)) {
                out.add(StudyTable.shortAxis(a) + " = " + a);
            }
        }
        return out;
    }

    private static Table results(StudyTable table) {
        StudyFolder f = table.folder;
        List<String> shown = shownAxes(table);
        List<String> header = new ArrayList<>(List.of("run", "variant"));
        shown.forEach(a -> header.add(StudyTable.shortAxis(a)));
        header.addAll(List.of("seed", "status", "updates", "updates to solve", "final loss", "held-out loss",
                "error rate", "loss / baseline", "seconds", "message"));
        List<List<String>> rows = new ArrayList<>();
        for (StudyFolder.PlannedRun p : f.planned) {
            StudyFolder.RunResult r = f.resultsById.get(p.id());
            if (r == null) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(p.id(), p.variant()));
            for (String a : shown) {
                JsonNode v = p.values().get(a);
                row.add(v == null ? "" : StudyTable.shortValue(v));
            }
            row.addAll(List.of(Long.toString(p.seed()), r.status(), integer(r.updates()), integer(r.updatesToSolve()),
                    number(r.finalLoss()), number(r.testLoss()), percent(r.testErrorRate()), percent(r.lossToBaseline()),
                    Double.isFinite(r.wallSeconds()) ? String.format(Locale.ROOT, "%.1f", r.wallSeconds()) : "",
                    r.message()));
            rows.add(row);
        }
        return new Table(header, rows);
    }

    // ---- number formats ----

    static String percent(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        double p = 100 * v;
        return String.format(Locale.ROOT, p != 0 && Math.abs(p) < 0.1 ? "%.2g%%" : "%.1f%%", p).replace(".0%", "%");
    }

    static String interval(Stats.Rate r) {
        if (Double.isNaN(r.rate())) {
            return "–";
        }
        return "[" + percent(r.low()) + ", " + percent(r.high()) + "]";
    }

    static String integer(double v) {
        return Double.isFinite(v) ? (v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v))
                : Double.isNaN(v) ? "–" : "∞";
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    // ---- Markdown ----

    static String markdown(Content c) {
        StringBuilder md = new StringBuilder();
        md.append("# Study: ").append(c.name()).append("\n\n");
        if (!c.description().isEmpty()) {
            md.append(c.description().strip()).append("\n\n");
        }
        if (!c.citation().isEmpty() || !c.published().isEmpty()) {
            md.append("## Source and our result\n\n");
            if (!c.citation().isEmpty()) {
                md.append("**Source:** ").append(c.citation()).append("\n\n");
            }
            md.append("| published | this study |\n|---|---|\n| ").append(cell(c.published().isEmpty() ? "–" : c.published()))
                    .append(" | ").append(cell(String.join(" <br> ", c.ours()))).append(" |\n\n");
        } else {
            md.append("## Result\n\n");
            md.append(c.ours().get(0)).append("\n\n");
            c.ours().subList(1, c.ours().size()).forEach(l -> md.append("- ").append(l).append('\n'));
            md.append('\n');
        }
        md.append("## How it was run\n\n| | |\n|---|---|\n");
        for (String[] f : c.facts()) {
            md.append("| ").append(cell(f[0])).append(" | ").append(cell(f[1])).append(" |\n");
        }
        md.append("\nRebuild this report from the folder's files with `rnnlab report DIR`.\n\n");
        md.append("## Figures\n\n");
        int n = 1;
        for (StudyFigures.Figure f : c.figures()) {
            md.append("### Figure ").append(n++).append(". ").append(f.title()).append("\n\n");
            md.append("![").append(f.title()).append("](").append(FIGURES).append('/').append(f.name())
                    .append(".png)\n\n");
            md.append(f.caption()).append(" ([SVG](").append(FIGURES).append('/').append(f.name()).append(".svg))\n\n");
        }
        for (String note : c.notes()) {
            md.append("> **Note.** ").append(note).append("\n\n");
        }
        md.append("## Summary\n\nOne row per grid point (the runs of all seeds). Success rate: share of finished runs "
                + "that met the task's success criterion, with the Wilson score 95% interval. Median updates to solve: "
                + "over the solved runs. Median final loss (training) and held-out loss / baseline: over all finished "
                + "runs, a diverged run counting as infinite.\n\n");
        table(md, c.summary());
        if (!c.axisNotes().isEmpty()) {
            md.append("\nAxes: ").append(String.join("; ", c.axisNotes().stream().map(s -> "`" + s + "`").toList()))
                    .append(".\n");
        }
        md.append("\n## Results\n\nEvery finished run, in run order (from results.csv).\n\n");
        table(md, c.results());
        md.append("\n## Study spec\n\nAfter the scale is applied, as recorded in study.json.\n\n```yaml\n")
                .append(c.specYaml()).append("\n```\n");
        return md.toString();
    }

    private static void table(StringBuilder md, Table t) {
        md.append("| ").append(String.join(" | ", t.header().stream().map(StudyReport::cell).toList())).append(" |\n|");
        t.header().forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> row : t.rows()) {
            md.append("| ").append(String.join(" | ", row.stream().map(StudyReport::cell).toList())).append(" |\n");
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    // ---- HTML ----

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1d1f;
            max-width:1400px;margin:0 auto;padding:24px 32px 64px;line-height:1.5;background:#fff}
            h1{font-size:28px;margin:8px 0 4px}h2{font-size:21px;margin:36px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{font-size:16px;margin:22px 0 6px}p.lead{font-size:16px;color:#333;max-width:70em}
            .source{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin:12px 0}
            .source>div{border:1px solid #d8dee6;border-radius:6px;padding:12px 16px;background:#f8fafc}
            .source h3{margin-top:0}.source ul{margin:4px 0;padding-left:20px}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f1f3f5;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr:nth-child(even) td{background:#fafafa}
            table.facts td:first-child{font-weight:600;white-space:nowrap}
            .scroll{max-height:600px;overflow:auto;border:1px solid #eee;display:inline-block;max-width:100%}
            figure{margin:16px 0 28px}figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{font-size:13px;color:#444;max-width:75em;margin-top:4px}
            .note{border-left:4px solid #e0a030;background:#fff8e8;padding:8px 12px;margin:10px 0;font-size:14px}
            pre{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:6px;padding:12px;overflow:auto;font-size:12.5px}
            .small{font-size:13px;color:#555}
            """;

    static String html(Content c, Path figures) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Study: ").append(esc(c.name()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Study: ").append(esc(c.name())).append("</h1>\n");
        if (!c.description().isEmpty()) {
            h.append("<p class=\"lead\">").append(esc(c.description().strip())).append("</p>\n");
        }
        if (!c.citation().isEmpty() || !c.published().isEmpty()) {
            h.append("<h2>Source and our result</h2>\n");
            if (!c.citation().isEmpty()) {
                h.append("<p><b>Source:</b> ").append(esc(c.citation())).append("</p>\n");
            }
            h.append("<div class=\"source\"><div><h3>Published</h3><p>")
                    .append(c.published().isEmpty() ? "–" : esc(c.published())).append("</p></div>\n<div><h3>This study</h3>");
            ours(h, c.ours());
            h.append("</div></div>\n");
        } else {
            h.append("<h2>Result</h2>\n");
            ours(h, c.ours());
        }
        h.append("<h2>How it was run</h2>\n<table class=\"facts\">\n");
        for (String[] f : c.facts()) {
            h.append("<tr><td>").append(esc(f[0])).append("</td><td>").append(esc(f[1])).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"small\">Rebuild this report from the folder's files with <code>rnnlab report DIR</code>.</p>\n");
        h.append("<h2>Figures</h2>\n");
        for (String note : c.notes()) {
            h.append("<div class=\"note\"><b>Note.</b> ").append(esc(note)).append("</div>\n");
        }
        int n = 1;
        for (StudyFigures.Figure f : c.figures()) {
            byte[] png = Files.readAllBytes(figures.resolve(f.name() + ".png"));
            h.append("<figure id=\"").append(f.name()).append("\">\n<h3>Figure ").append(n++).append(". ").append(esc(f.title()))
                    .append("</h3>\n<img alt=\"").append(esc(f.title())).append("\" width=\"").append(f.width())
                    .append("\" height=\"").append(f.height()).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption>").append(esc(f.caption()))
                    .append("</figcaption>\n</figure>\n");
        }
        h.append("<h2>Summary</h2>\n<p class=\"small\">One row per grid point (the runs of all seeds). Success rate: share "
                + "of finished runs that met the task's success criterion, with the Wilson score 95% interval. Median "
                + "updates to solve: over the solved runs. Median final loss (training) and held-out loss / baseline: over "
                + "all finished runs, a diverged run counting as infinite.</p>\n");
        table(h, c.summary(), false);
        if (!c.axisNotes().isEmpty()) {
            h.append("<p class=\"small\">Axes: ").append(esc(String.join("; ", c.axisNotes()))).append(".</p>\n");
        }
        h.append("<h2>Results</h2>\n<p class=\"small\">Every finished run, in run order (from results.csv).</p>\n");
        table(h, c.results(), true);
        h.append("<h2>Study spec</h2>\n<p class=\"small\">After the scale is applied, as recorded in study.json.</p>\n<pre>")
                .append(esc(c.specYaml())).append("</pre>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void ours(StringBuilder h, List<String> ours) {
        h.append("<p>").append(esc(ours.get(0))).append("</p>\n<ul>\n");
        ours.subList(1, ours.size()).forEach(l -> h.append("<li>").append(esc(l)).append("</li>\n"));
        h.append("</ul>\n");
    }

    private static void table(StringBuilder h, Table t, boolean scroll) {
        if (scroll) {
            h.append("<div class=\"scroll\">");
        }
        h.append("<table>\n<thead><tr>");
        t.header().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        int rateColumn = t.header().indexOf("success rate");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                boolean numeric = cell.matches("[-+0-9.,%\\[\\]eE ∞–]+|\\d+ of \\d+") && !cell.isBlank();
                h.append(numeric ? "<td class=\"n\"" : "<td");
                if (i == rateColumn && cell.endsWith("%")) {
                    // A green tint as strong as the success rate, so the table reads at a glance.
                    double share = Double.parseDouble(cell.substring(0, cell.length() - 1)) / 100;
                    h.append(String.format(Locale.ROOT, " style=\"background:rgba(89,161,79,%.2f)\"", 0.08 + 0.5 * share));
                }
                h.append('>').append(esc(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>");
        if (scroll) {
            h.append("</div>");
        }
        h.append('\n');
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
