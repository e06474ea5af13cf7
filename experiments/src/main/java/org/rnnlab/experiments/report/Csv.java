package org.rnnlab.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header row, read as RFC 4180 text: a field may be quoted with {@code "}, and a
 * quote inside a quoted field is doubled. The study's tables need the quoting because an axis value
 * can be compact JSON such as {@code [{"name":"clip_global_norm","threshold":1.0}]}.
 */
final class Csv {
    /** One data row: its fields by column name and the line of the file it starts on (1 = header). */
    record Row(int line, Map<String, String> fields) {
        String get(String column) {
            return fields.getOrDefault(column, "");
        }
    }

    private final Path file;
    private final String shownName;
    private final List<String> header;
    private final List<Row> rows;

    private Csv(Path file, String shownName, List<String> header, List<Row> rows) {
        this.file = file;
        this.shownName = shownName;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads {@code file}; {@code shownName} is how messages name it.
     *
     * @throws StudyFileException if it is missing, has no header, or a row's field count differs
     *     from the header's
     */
    static Csv read(Path file, String shownName, String missingHint) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new StudyFileException(shownName + " is missing" + missingHint);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        parse(text, shownName, records, lines);
        if (records.isEmpty()) {
            throw new StudyFileException(shownName + " is empty; expected a header line");
        }
        List<String> header = records.get(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() != header.size()) {
                throw new StudyFileException(shownName + " line " + lines.get(i) + ": found " + r.size()
                        + (r.size() == 1 ? " field" : " fields") + ", expected " + header.size()
                        + " (the header's columns: " + String.join(",", header) + ")");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                fields.put(header.get(c), r.get(c));
            }
            rows.add(new Row(lines.get(i), fields));
        }
        return new Csv(file, shownName, header, rows);
    }

    /** Splits into records, skipping blank lines; {@code lines} gets each record's first line number. */
    private static void parse(String text, String shownName, List<List<String>> records, List<Integer> lines)
            throws StudyFileException {
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean blank = true;
            while (true) {
                if (i < n && text.charAt(i) == '"') {
                    blank = false;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new StudyFileException(shownName + " line " + start
                                    + ": found a quoted field that is never closed, expected a closing '\"'");
                        }
                        char ch = text.charAt(i++);
                        if (ch == '"') {
                            if (i < n && text.charAt(i) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            if (ch == '\n') {
                                line++;
                            }
                            field.append(ch);
                        }
                    }
                }
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    blank = false;
                    field.append(text.charAt(i++));
                }
                fields.add(field.toString());
                field.setLength(0);
                if (i < n && text.charAt(i) == ',') {
                    blank = false;
                    i++;
                    continue;
                }
                if (i < n && text.charAt(i) == '\r') {
                    i++;
                }
                if (i < n && text.charAt(i) == '\n') {
                    i++;
                }
                line++;
                break;
            }
            if (!blank) {
                records.add(fields);
                lines.add(start);
            }
        }
    }

    Path file() {
        return file;
    }

    String shownName() {
        return shownName;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** Fails unless the header has every column of {@code needed}. */
    void require(List<String> needed) throws StudyFileException {
        List<String> missing = needed.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new StudyFileException(shownName + " line 1: the header lacks "
                    + (missing.size() == 1 ? "column " : "columns ") + String.join(", ", missing) + "; found "
                    + String.join(",", header));
        }
    }

    /**
     * A number field: empty gives {@code NaN} if {@code emptyAllowed}; otherwise what Java's
     * {@code Double.parseDouble} reads (including NaN and Infinity).
     */
    double number(Row row, String column, boolean emptyAllowed) throws StudyFileException {
        String text = row.get(column).strip();
        if (text.isEmpty()) {
            if (emptyAllowed) {
                return Double.NaN;
            }
            throw new StudyFileException(shownName + " line " + row.line() + ", column " + column
                    + ": found an empty field, expected a number");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new StudyFileException(shownName + " line " + row.line() + ", column " + column + ": found '"
                    + text + "', expected a number");
        }
    }
}
