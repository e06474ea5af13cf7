package org.rnnlab.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/spec.md cannot rot: its field table names every field of the spec records (the schema is
 * derived from them by reflection) and no other, and every default it states is the default the
 * code uses.
 */
class SpecDocsTest {
    private static final Path DOC = Path.of("..", "docs", "spec.md");

    /** The field table's rows: field path to default column. */
    private static Map<String, String> rows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inFields = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                inFields = line.equals("## Fields");
            }
            if (inFields && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String field = cells[1].trim();
                if (field.endsWith("`") && cells.length > 3) {
                    rows.put(field.substring(1, field.length() - 1), cells[3].trim());
                }
            }
        }
        return rows;
    }

    @Test
    void everyFieldIsDocumentedAndNoOther() throws IOException {
        List<String> fields = new ArrayList<>(SpecSchema.paths());
        fields.remove(SpecSchema.PROVENANCE);
        assertThat(List.copyOf(rows().keySet())).containsExactlyElementsOf(fields);
    }

    @Test
    void everyStatedDefaultIsTheCodes() throws IOException {
        Map<String, Object> defaults = SpecTree.of(SpecFiles.read(SpecFiles.parse(SpecFilesTest.MINIMAL, false),
                SpecFilesTest.REGISTRIES));
        int checked = 0;
        for (Map.Entry<String, String> row : rows().entrySet()) {
            String stated = row.getValue();
            if (!stated.startsWith("`")) {
                continue;
            }
            Object expected = SpecFiles.parse(stated.substring(1, stated.length() - 1), false);
            assertThat(lookup(defaults, row.getKey())).as("default of %s", row.getKey()).isEqualTo(normalize(expected));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }

    private static Object lookup(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            boolean list = part.endsWith("[]");
            node = ((Map<?, ?>) node).get(list ? part.substring(0, part.length() - 2) : part);
            if (list) {
                node = ((List<?>) node).get(0);
            }
        }
        return normalize(node);
    }

    /** Numbers compared by value, so 10000 (int) equals 10000L. */
    private static Object normalize(Object v) {
        if (v instanceof Number n && !(v instanceof Double)) {
            return n.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalize(x)));
            return out;
        }
        return v;
    }
}
