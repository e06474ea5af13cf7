package org.rnnlab.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;

/** docs/studies.md cannot rot: its example study expands as it says, and its journal line reads. */
class StudyDocsTest {
    private static final Path DOC = Path.of("..", "docs", "studies.md");

    /** The first fenced block of the given language after the given line. */
    private static String block(String language, String after) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```" + language + "\n", doc.indexOf(after)) + language.length() + 4;
        return doc.substring(start, doc.indexOf("```", start));
    }

    private static Study expand(String yaml, String scale) {
        return Study.expand(SpecFiles.parse(yaml, true), name -> {
            throw new InvalidSpecException(List.of("no base files here"));
        }, scale, List.of(), Registries.standard());
    }

    @Test
    void theExampleStudyExpands() throws IOException {
        String yaml = block("yaml", "## The study spec");
        // elman 3 x 3 x 2 points, paired 2, lstm 1; times 2 lengths and 3 seeds
        Study full = expand(yaml, null);
        assertThat(full.plan().runs()).hasSize((18 + 2 + 1) * 2 * 3);
        assertThat(full.plan().axes()).containsExactly("model.layers[0].options.activation", "model.layers[0].init.recurrent",
                "transforms", "task.length");
        assertThat(full.plan().runs().get(7).describe()).isEqualTo("run 0007 (variant elman, "
                + "model.layers[0].options.activation=sigmoid, model.layers[0].init.recurrent=normal, "
                + "transforms=[{\"name\":\"clip_global_norm\",\"threshold\":1}], task.length=50, seed 2)");
        Study quick = expand(yaml, "quick");
        assertThat(quick.plan().runs()).hasSize(21 * 2);
        assertThat(quick.experiment(0, Registries.standard()).spec().budget().updates()).isEqualTo(2000);
    }

    @Test
    void theJournalLineReads() throws IOException {
        String json = block("json", "A `journal.jsonl` line");
        ResultRow row = ResultRow.fromTree((Map<?, ?>) StudyJson.parse(json.strip()));
        assertThat(row.cells()).containsExactly("solved", "1200", "1200", "0.0012", "0.0015", "0.0", "0.1667", "0.009", "",
                "3.25");
        assertThat(StudyJson.compact(row.toTree())).isEqualTo(json.strip());
    }
}
