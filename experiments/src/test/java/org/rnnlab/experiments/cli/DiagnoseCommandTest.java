package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.plots.Figures;
import org.rnnlab.experiments.spec.SpecFiles;

/** {@code rnnlab diagnose} on the shipped example, {@code rnnlab plot}, and the figures they write. */
class DiagnoseCommandTest {
    static final Path EXAMPLE = Path.of("..", "examples", "diagnose-init.json").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(CliTest.REGISTRIES, dir, args);
    }

    /** A PNG of the stated size with more than one colour, and an SVG that parses as XML with an svg root. */
    static void assertFigure(Path directory, String name) throws Exception {
        BufferedImage image = ImageIO.read(directory.resolve(name + ".png").toFile());
        assertThat(image).as(name).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Figures.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Figures.HEIGHT);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 7) {
            for (int y = 0; y < image.getHeight(); y += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("colours of %s", name).isGreaterThan(2);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = f.newDocumentBuilder().parse(directory.resolve(name + ".svg").toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    }

    @Test
    void diagnosesTheShippedExampleOverAGrid() throws Exception {
        CliRun r = run("diagnose", EXAMPLE.toString(), "--out", "d", "--grid",
                "model.layers[0].options.activation=sigmoid,tanh,relu");
        assertThat(r.status()).as(r.err()).isZero();
        Path d = dir.resolve("d");
        assertThat(r.out()).endsWith("wrote " + d + ": decay-flow.png, decay-flow.svg, decay-jacobian.png, "
                + "decay-jacobian.svg, diagnose.json" + System.lineSeparator());
        assertThat(r.out().lines().limit(3)).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("sigmoid", "tanh", "relu");
        assertFigure(d, "decay-flow");
        assertFigure(d, "decay-jacobian");
        Map<?, ?> json = (Map<?, ?>) SpecFiles.parse(Files.readString(d.resolve("diagnose.json")), false);
        assertThat(((Map<?, ?>) json.get("grid")).get("values")).isEqualTo(List.of("sigmoid", "tanh", "relu"));
        List<?> results = (List<?>) json.get("results");
        assertThat(results).hasSize(3);
        for (Object o : results) {
            Map<?, ?> m = (Map<?, ?>) o;
            int steps = (Integer) m.get("steps");
            List<?> byLag = (List<?>) ((Map<?, ?>) ((List<?>) m.get("flow")).get(0)).get("normsByLag");
            assertThat(byLag).hasSize(steps + 1);
        }
    }

    @Test
    void refusesAFolderThatHoldsAnEarlierDiagnose() throws IOException {
        assertThat(run("diagnose", EXAMPLE.toString(), "--out", "d", "--set", "task.length=10", "--set",
                "model.layers[0].hiddenSize=4").status()).isZero();
        Path d = dir.resolve("d");
        byte[] first = Files.readAllBytes(d.resolve("diagnose.json"));
        CliRun again = run("diagnose", EXAMPLE.toString(), "--out", "d", "--grid",
                "model.layers[0].options.activation=sigmoid,relu");
        assertThat(again.status()).isEqualTo(Cli.USAGE);
        assertThat(again.err()).isEqualTo("rnnlab: " + d + " already holds a diagnose (diagnose.json); choose another --out"
                + System.lineSeparator());
        assertThat(again.out()).isEmpty();
        assertThat(Files.readAllBytes(d.resolve("diagnose.json"))).isEqualTo(first);

        // A figure alone is enough: it is what an earlier diagnose stopped before its diagnose.json leaves.
        Path figures = Files.createDirectories(dir.resolve("figures"));
        Files.writeString(figures.resolve("decay-jacobian.svg"), "<svg/>");
        CliRun figure = run("diagnose", EXAMPLE.toString(), "--out", "figures");
        assertThat(figure.status()).isEqualTo(Cli.USAGE);
        assertThat(figure.err()).isEqualTo("rnnlab: " + figures + " already holds a diagnose (decay-jacobian.svg); "
                + "choose another --out" + System.lineSeparator());
        assertThat(Files.readString(figures.resolve("decay-jacobian.svg"))).isEqualTo("<svg/>");
    }

    @Test
    void aBadGridPathOrValueIsReportedExactly() throws IOException {
        CliRun path = run("diagnose", EXAMPLE.toString(), "--out", "d", "--grid",
                "model.layers[0].optoins.activation=tanh,relu");
        assertThat(path.status()).isEqualTo(Cli.USAGE);
        assertThat(path.err()).isEqualTo("rnnlab: " + EXAMPLE + ": --grid model.layers[0].optoins.activation=tanh,relu: "
                + "model.layers[0] has no field 'optoins'; did you mean 'options'? Known fields: cell, hiddenSize, "
                + "options, init" + System.lineSeparator());
        CliRun value = run("diagnose", EXAMPLE.toString(), "--out", "d", "--grid",
                "model.layers[0].init.recurrent=orthogonal,orthgonal");
        assertThat(value.status()).isEqualTo(Cli.USAGE);
        assertThat(value.err()).isEqualTo("rnnlab: " + EXAMPLE + ": --grid model.layers[0].init.recurrent=orthogonal,"
                + "orthgonal: value 'orthgonal': model.layers[0].init.recurrent: unknown initializer 'orthgonal'; did you "
                + "mean 'orthogonal'? Known initializers: chrono, constant, glorot_normal, glorot_uniform, he_normal, "
                + "he_uniform, identity, indrnn_uniform, normal, orthogonal, sparse_spectral, spectral, uniform, zeros"
                + System.lineSeparator());
        CliRun shape = run("diagnose", EXAMPLE.toString(), "--grid", "model.layers[0].hiddenSize");
        assertThat(shape.err()).isEqualTo("rnnlab: " + EXAMPLE + ": --grid model.layers[0].hiddenSize: expected "
                + "path=value1,value2,..., such as model.layers[0].options.activation=sigmoid,tanh,relu"
                + System.lineSeparator());
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void diagnosesATrainedModelAndRedrawsARunsPlots() throws Exception {
        Files.writeString(dir.resolve("toy.json"), """
                {"task": {"name": "toy_sum", "length": 5},
                 "model": {"layers": [{"cell": "rnn", "hiddenSize": 4}]},
                 "transforms": [{"name": "clip_global_norm", "threshold": 0.1}],
                 "budget": {"updates": 40},
                 "evaluation": {"every": 20, "batches": 1, "batchSize": 10, "stopWhenSolved": false},
                 "record": {"every": 5, "diagnosticsEvery": 10}}
                """);
        assertThat(run("train", "toy.json", "--out", "run").status()).isZero();
        Path plots = dir.resolve("run").resolve("plots");
        for (String name : List.of("loss", "gradient-norm", "flow-heatmap", "flow-curves", "spectra")) {
            assertFigure(plots, name);
        }
        for (String name : List.of("loss.png", "spectra.svg")) {
            Files.delete(plots.resolve(name));
        }
        CliRun plot = run("plot", "run");
        assertThat(plot.status()).as(plot.err()).isZero();
        assertFigure(plots, "loss");
        assertFigure(plots, "spectra");

        CliRun trained = run("diagnose", "--model", "run/model.safetensors", "--task", "toy.json", "--out", "m");
        assertThat(trained.status()).as(trained.err()).isZero();
        assertThat(trained.out()).startsWith("model.safetensors: loss ");
        assertFigure(dir.resolve("m"), "decay-flow");
        assertFigure(dir.resolve("m"), "decay-jacobian");
    }
}
