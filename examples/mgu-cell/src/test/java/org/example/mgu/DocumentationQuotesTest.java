package org.example.mgu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * rnnlab's docs/adding-a-cell.md walks through this module. Every code block there that follows a line
 * {@code <!-- quoted from PATH -->} must still appear in the file PATH of this module, so the walkthrough
 * cannot drift from code that compiles and passes its tests. Indentation is ignored, and a line
 * {@code ...} in a block stands for lines left out. Outside rnnlab's tree (a copy of this module) the
 * document is not there and the check is skipped.
 */
class DocumentationQuotesTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path DOC = MODULE.resolve("../../docs/adding-a-cell.md").normalize();
    private static final Pattern QUOTED = Pattern.compile("<!-- quoted from (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void everyQuotedBlockAppearsInTheFileItNames() throws IOException {
        Assumptions.assumeTrue(Files.exists(MODULE.resolve("../../core/pom.xml")), "not inside rnnlab's tree");
        assertThat(DOC).as("the walkthrough of this module").exists();
        Matcher m = QUOTED.matcher(Files.readString(DOC).replace("\r\n", "\n"));
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        while (m.find()) {
            blocks++;
            Path source = MODULE.resolve(m.group(1));
            if (!Files.exists(source)) {
                problems.add("block " + blocks + " quotes " + m.group(1) + ", which does not exist");
                continue;
            }
            String missing = firstMissingPart(m.group(2), Files.readString(source));
            if (missing != null) {
                problems.add("block " + blocks + " quotes " + m.group(1) + ", which differs at the line marked >>>:\n"
                        + missing);
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n\n", problems));
        }
        assertThat(blocks).as("quoted blocks in %s", DOC).isGreaterThanOrEqualTo(8);
    }

    /** The first part of {@code block} (parts are separated by "..." lines) not found in order in {@code source}, or null. */
    private static String firstMissingPart(String block, String source) {
        String text = normalize(source);
        int from = 0;
        for (String part : normalize(block).split("(?m)^(//\\s*)?\\.\\.\\.$")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int at = text.indexOf(trimmed, from);
            if (at < 0) {
                return firstLineThatDiffers(trimmed, text, from);
            }
            from = at + trimmed.length();
        }
        return null;
    }

    /** The first line of {@code part} at which no match of its lines so far remains, with the lines before it. */
    private static String firstLineThatDiffers(String part, String text, int from) {
        List<String> lines = part.lines().toList();
        for (int k = 1; k <= lines.size(); k++) {
            if (text.indexOf(String.join("\n", lines.subList(0, k)), from) < 0) {
                return String.join("\n", lines.subList(Math.max(0, k - 3), k - 1)) + "\n>>> " + lines.get(k - 1);
            }
        }
        return part;
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
