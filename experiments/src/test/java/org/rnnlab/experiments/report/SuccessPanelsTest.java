package org.rnnlab.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How "success rate against x" groups configurations into panels. The folders here hold study.json and
 * results.csv only (no run folders, no training), which is all the grouping and figures 1 and 2 read, so
 * the test takes well under a second.
 */
class SuccessPanelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVATION = "model.layers[0].options.activation";
    private static final String INIT = "model.layers[0].init.recurrent";
    private static final String LR = "optimizer.lr";
    private static final String LENGTH = "task.length";

    @TempDir
    Path dir;

    /** A planned run's variant and axis values without seed and x. */
    private record Config(String variant, Map<String, Object> values) {
    }

    private static Config config(String variant, Object... pathsAndValues) {
        return new Config(variant, StudyFixture.values(pathsAndValues));
    }

    /**
     * Writes study.json and results.csv: every configuration at task.length 10 and 20 with two seeds; a run
     * is solved when its configuration's number plus its seed is even, so that rates differ.
     */
    private Path folder(List<String> axes, List<Config> configs) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        List<String> results = new ArrayList<>();
        results.add(String.join(",", StudyFolder.RESULT_COLUMNS));
        int n = 0;
        for (int c = 0; c < configs.size(); c++) {
            for (int length : List.of(10, 20)) {
                for (long seed : List.of(1L, 2L)) {
                    String id = String.format("%04d", n++);
                    Map<String, Object> values = new LinkedHashMap<>(configs.get(c).values());
                    values.put(LENGTH, length);
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("id", id);
                    run.put("variant", configs.get(c).variant());
                    run.put("values", values);
                    run.put("seed", seed);
                    runs.add(run);
                    boolean solved = (c + seed + length / 10) % 2 == 0;
                    results.add(String.join(",", id, configs.get(c).variant(), Long.toString(seed),
                            solved ? "solved" : "budget", "100", solved ? "100" : "", "0.1", "0.1", "", "0.17", "0.6", "",
                            "0.5"));
                }
            }
        }
        List<String> allAxes = new ArrayList<>(axes);
        allAxes.add(LENGTH);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rnnlab", "0.1.0-SNAPSHOT");
        file.put("sha256", "0".repeat(64));
        file.put("spec", Map.of("study", "panels", "base", StudyFixture.base(100, 0)));
        file.put("axes", allAxes);
        file.put("x", LENGTH);
        file.put("runs", runs);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("study.json"), JSON.writeValueAsString(file));
        Files.writeString(dir.resolve("results.csv"), String.join("\n", results) + "\n");
        return dir;
    }

    private static List<StudyFigures.SuccessPanel> panels(Path folder) throws IOException {
        return StudyFigures.successPanels(StudyTable.of(StudyFolder.read(folder)));
    }

    private static List<String> titles(List<StudyFigures.SuccessPanel> panels) {
        return panels.stream().map(StudyFigures.SuccessPanel::title).toList();
    }

    private static List<List<String>> ids(List<StudyFigures.SuccessPanel> panels) {
        return panels.stream().map(p -> p.configurations().stream().map(StudyTable.Configuration::id).toList()).toList();
    }

    /** elman: 2 activations x 4 initializations; lstm and gru of one configuration each. */
    private static List<Config> multiAndTwoSingles() {
        List<Config> configs = new ArrayList<>();
        for (String activation : List.of("tanh", "relu")) {
            for (String init : List.of("normal", "orthogonal", "identity", "glorot_uniform")) {
                configs.add(config("elman", ACTIVATION, activation, INIT, init));
            }
        }
        configs.add(config("lstm"));
        configs.add(config("gru"));
        return configs;
    }

    @Test
    void splitsABigVariantByItsFirstAxisAndPoolsSingleConfigurationVariants() throws IOException {
        List<StudyFigures.SuccessPanel> panels = panels(folder(List.of(ACTIVATION, INIT), multiAndTwoSingles()));
        assertThat(titles(panels)).containsExactly("elman: activation = tanh", "elman: activation = relu", "lstm, gru");
        assertThat(ids(panels)).containsExactly(List.of("C1", "C2", "C3", "C4"), List.of("C5", "C6", "C7", "C8"),
                List.of("C9", "C10"));
        assertThat(panels.get(0).splitAxis()).isEqualTo(ACTIVATION);
        assertThat(panels.get(2).pooled()).isTrue();
        assertThat(panels.get(2).splitAxis()).isNull();
    }

    @Test
    void theDemoStudysShapeGivesFourPanelsOfAtMostSixLines() throws IOException {
        List<Config> configs = new ArrayList<>();
        for (String activation : List.of("sigmoid", "tanh", "relu")) {
            for (String init : List.of("normal", "orthogonal", "identity")) {
                for (double lr : List.of(0.01, 0.001)) {
                    configs.add(config("elman", ACTIVATION, activation, INIT, init, LR, lr));
                }
            }
        }
        configs.add(config("lstm"));
        configs.add(config("gru"));
        configs.add(config("indrnn"));
        List<StudyFigures.SuccessPanel> panels = panels(folder(List.of(ACTIVATION, INIT, LR), configs));
        assertThat(titles(panels)).containsExactly("elman: activation = sigmoid", "elman: activation = tanh",
                "elman: activation = relu", "lstm, gru, indrnn");
        assertThat(panels).allSatisfy(p -> assertThat(p.configurations().size()).isBetween(3, StudyFigures.MAX_LINES));
        assertThat(ids(panels).get(3)).containsExactly("C19", "C20", "C21");
    }

    @Test
    void aSmallVariantKeepsOnePanelAndALoneSingleVariantIsNotPooled() throws IOException {
        List<Config> configs = new ArrayList<>(List.of(config("elman", ACTIVATION, "tanh"), config("elman", ACTIVATION,
                "relu"), config("lstm")));
        List<StudyFigures.SuccessPanel> panels = panels(folder(List.of(ACTIVATION), configs));
        assertThat(titles(panels)).containsExactly("elman", "lstm");
        assertThat(panels).noneMatch(StudyFigures.SuccessPanel::pooled);
    }

    @Test
    void anAxisOfManyValuesIsCutIntoEqualPartsRatherThanOneLinePanels() throws IOException {
        List<Config> configs = new ArrayList<>();
        for (double lr : List.of(0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001)) {
            configs.add(config("", LR, lr));
        }
        List<StudyFigures.SuccessPanel> panels = panels(folder(List.of(LR), configs));
        assertThat(titles(panels)).containsExactly("all configurations (1 of 2)", "all configurations (2 of 2)");
        assertThat(ids(panels)).containsExactly(List.of("C1", "C2", "C3"), List.of("C4", "C5", "C6", "C7"));
    }

    @Test
    void theReportDrawsThePanelsInAGridAndAForestPerLengthAfterThem() throws IOException {
        Path folder = folder(List.of(ACTIVATION, INIT), multiAndTwoSingles());
        Path html = StudyReport.write(folder);
        BufferedImage success = ImageIO.read(folder.resolve("figures/success-rate.png").toFile());
        // Three panels side by side, each 460 px wide.
        assertThat(success.getWidth()).isEqualTo(3 * StudyFigures.SUCCESS_PANEL_WIDTH);
        BufferedImage forest = ImageIO.read(folder.resolve("figures/success-rate-by-x.png").toFile());
        assertThat(forest.getWidth()).isGreaterThan(800);
        String svg = Files.readString(folder.resolve("figures/success-rate-by-x.svg"));
        assertThat(svg).contains(">task.length = 10</text>", ">task.length = 20</text>", ">C10  gru</text>");
        String md = Files.readString(folder.resolve("report.md"));
        assertThat(md).contains("### Figure 1. Success rate against task.length\n\n"
                + "![Success rate against task.length](figures/success-rate.png)",
                "### Figure 2. Success rate per configuration at each task.length\n\n"
                        + "![Success rate per configuration at each task.length](figures/success-rate-by-x.png)",
                "(figures/success-rate-by-x.svg)",
                "at most 6 to a panel: variants of one configuration share a panel; a variant of more than 6 "
                        + "configurations is split by the value of its first varying axis");
        String page = Files.readString(html);
        assertThat(page).contains("<figure id=\"success-rate\">", "<figure id=\"success-rate-by-x\">");
        assertThat(page.indexOf("id=\"success-rate-by-x\"")).isGreaterThan(page.indexOf("id=\"success-rate\""));
        assertThat(page).doesNotContain("src=\"figures/");
    }
}
