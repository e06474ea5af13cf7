package org.rnnlab.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a small real study folder (8 recorded runs): its three outputs, their content, determinism. */
class StudyReportTest {
    /** With an x axis of two values, the success rate against x is followed by its forest per x value. */
    static final List<String> FIGURES = List.of("success-rate", "success-rate-by-x", "learning-curves", "gradient-flow");

    @TempDir
    static Path shared;
    static Path study;
    static Path html;

    @BeforeAll
    static void writeStudyAndReport() throws IOException {
        study = shared.resolve("study");
        StudyFixture.write(study, StudyFixture.small());
        html = StudyReport.write(study);
    }

    @Test
    void writesHtmlMarkdownAndEveryFigure() throws IOException {
        assertThat(html).isEqualTo(study.resolve("report.html"));
        assertThat(study.resolve("report.md")).isRegularFile();
        for (String figure : FIGURES) {
            assertThat(study.resolve("figures").resolve(figure + ".png")).isRegularFile();
            assertThat(Files.readString(study.resolve("figures").resolve(figure + ".svg"))).contains("<svg").endsWith("</svg>\n");
        }
    }

    @Test
    void svgsAreWellFormedXmlWithUniqueIds() throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (String figure : FIGURES) {
            Path svg = study.resolve("figures").resolve(figure + ".svg");
            org.w3c.dom.Document doc = factory.newDocumentBuilder().parse(svg.toFile());
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
            List<String> ids = Pattern.compile("id=\"([^\"]+)\"").matcher(Files.readString(svg)).results()
                    .map(m -> m.group(1)).toList();
            assertThat(ids).as(figure).doesNotHaveDuplicates();
        }
    }

    @Test
    void htmlIsSelfContainedWithEveryFigureEmbedded() throws IOException {
        String text = Files.readString(html);
        assertThat(text).doesNotContain("http://", "https://", "<script", "<link", "url(");
        Matcher src = Pattern.compile("src=\"([^\"]{0,30})").matcher(text);
        int images = 0;
        while (src.find()) {
            assertThat(src.group(1)).startsWith("data:image/png;base64,");
            images++;
        }
        assertThat(images).isEqualTo(FIGURES.size());
        assertThat(text).contains("id=\"success-rate\"", "id=\"success-rate-by-x\"", "id=\"learning-curves\"",
                "id=\"gradient-flow\"");
    }

    @Test
    void pngsDecodeAtTheStatedSizeAndAreNotBlank() throws IOException {
        String text = Files.readString(html);
        for (String figure : FIGURES) {
            BufferedImage image = ImageIO.read(study.resolve("figures").resolve(figure + ".png").toFile());
            assertThat(image).as(figure).isNotNull();
            Matcher size = Pattern.compile("<figure id=\"" + figure + "\">\\s*<h3>[^<]*</h3>\\s*<img alt=\"[^\"]*\" width=\"(\\d+)\" "
                    + "height=\"(\\d+)\"").matcher(text);
            assertThat(size.find()).as(figure).isTrue();
            assertThat(image.getWidth()).isEqualTo(Integer.parseInt(size.group(1)));
            assertThat(image.getHeight()).isEqualTo(Integer.parseInt(size.group(2)));
            Set<Integer> colours = new HashSet<>();
            int dark = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    int rgb = image.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb);
                    dark += (rgb & 0xFF) + (rgb >> 8 & 0xFF) + (rgb >> 16 & 0xFF) < 300 ? 1 : 0;
                }
            }
            assertThat(colours.size()).as(figure + " colours").isGreaterThan(20);
            assertThat(dark).as(figure + " dark pixels (text, axes)").isGreaterThan(200);
        }
    }

    @Test
    void markdownHoldsTheStudyTablesSpecAndFigureLinks() throws IOException {
        String md = Files.readString(study.resolve("report.md"));
        assertThat(md).startsWith("# Study: tiny-adding\n\nTwo activations of a 4-unit Elman network on the adding problem.\n");
        assertThat(md).contains("**Source:** Le, Jaitly, Hinton 2015", "| IRNNs solve adding with T = 150; tanh RNNs do not. |",
                "![Success rate against task.length](figures/success-rate.png)",
                "### Figure 2. Success rate per configuration at each task.length\n",
                "![Success rate per configuration at each task.length](figures/success-rate-by-x.png)",
                "### Figure 3. Learning curves\n",
                "![Learning curves](figures/learning-curves.png)",
                "![Gradient flow through time](figures/gradient-flow.png)",
                "| id | variant | activation | length | runs | solved | success rate | 95% interval | median updates to solve "
                        + "| median final loss | median held-out loss / baseline |",
                "| runs | 8 of 8 planned runs finished (8 budget); 2 configurations, 4 grid points |",
                "| rnnlab | 0.1.0-SNAPSHOT |", "| workers | not recorded |",
                "Axes: `activation = model.layers[0].options.activation`; `length = task.length`.",
                "```yaml\nstudy: tiny-adding\n");
        // the four grid points with 0 of 2 solved: Wilson [0%, 66%]
        assertThat(md.lines().filter(l -> l.startsWith("| C")).toList()).hasSize(4)
                .allSatisfy(l -> assertThat(l).contains("| 2 | 0 | 0% | [0%, 65.8%] | – |"));
        assertThat(md.lines().filter(l -> l.matches("\\| 000\\d \\| elman \\|.*"))).hasSize(8);
        assertThat(md).containsPattern("\\| date \\| 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(first run's start\\) \\|");
    }

    @Test
    void rebuildingFromTheFilesGivesTheSameReport() throws IOException {
        String md = Files.readString(study.resolve("report.md"));
        String page = Files.readString(html);
        byte[] png = Files.readAllBytes(study.resolve("figures").resolve("learning-curves.png"));
        Files.delete(study.resolve("report.md"));
        StudyReport.write(study);
        assertThat(Files.readString(study.resolve("report.md"))).isEqualTo(md);
        assertThat(Files.readString(html)).isEqualTo(page);
        assertThat(Files.readAllBytes(study.resolve("figures").resolve("learning-curves.png"))).isEqualTo(png);
    }
}
