package org.rnnlab.experiments.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.spec.Experiment;
import org.rnnlab.experiments.spec.RecordedRun;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.spec.SpecOverride;
import org.rnnlab.experiments.spec.TestRegistries;

/** diagnostics.jsonl: its lines' fields and sizes, and that recording leaves training as it was. */
class DiagnosticsRecorderTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            {"task": {"name": "toy_sum", "length": 6},
             "model": {"layers": [{"cell": "lstm", "hiddenSize": 4}, {"cell": "rnn", "hiddenSize": 3}]},
             "optimizer": {"name": "adam", "lr": 0.01},
             "transforms": [{"name": "clip_global_norm", "threshold": 0.05}],
             "budget": {"updates": 30},
             "evaluation": {"every": 10, "batches": 1, "batchSize": 10, "stopWhenSolved": false},
             "record": {"every": 1, "diagnosticsEvery": %d}}
            """;

    private Path train(String name, long diagnosticsEvery) throws IOException {
        Experiment e = SpecFiles.resolve(SpecFiles.parse(SPEC.formatted(diagnosticsEvery), false), List.<SpecOverride>of(),
                TestRegistries.withTestTasks());
        Path run = dir.resolve(name);
        RecordedRun.train(e, run, List.of());
        return run;
    }

    /** metrics.csv without its wall-time column. */
    private static List<String> withoutSeconds(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.csv"))) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(org.rnnlab.experiments.io.RunDirectory.COLUMNS.indexOf("seconds"));
            out.add(String.join(",", cells));
        }
        return out;
    }

    @Test
    void recordingLeavesTrainingBitForBitAsItWas() throws IOException {
        Path without = train("without", 0);
        Path with = train("with", 1);
        assertThat(without.resolve("diagnostics.jsonl")).doesNotExist();
        assertThat(Files.readAllLines(with.resolve("diagnostics.jsonl"))).hasSize(30);
        assertThat(withoutSeconds(with)).hasSize(31).isEqualTo(withoutSeconds(without));
        // The checkpoints' metadata holds the spec, which differs; their weights must not.
        var a = org.rnnlab.checkpoint.ModelCheckpoint.load(with.resolve("model.safetensors"), TestRegistries.withTestTasks());
        var b = org.rnnlab.checkpoint.ModelCheckpoint.load(without.resolve("model.safetensors"), TestRegistries.withTestTasks());
        a.namedParameters().forEach((name, p) -> assertThat(java.util.Arrays.equals(p.value().data,
                b.namedParameters().get(name).value().data)).as(name).isTrue());
    }

    @Test
    void linesHoldTheDocumentedFieldsWithConsistentSizes() throws IOException {
        Path run = train("run", 10);
        assertThat(run.resolve("diagnostics.jsonl.partial")).doesNotExist();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("diagnostics.jsonl"))) {
            lines.add(json.readTree(l));
        }
        assertThat(lines).extracting(l -> l.get("update").asLong()).containsExactly(1L, 10L, 20L, 30L);
        long clippedBefore = 0;
        for (JsonNode l : lines) {
            List<String> fields = new ArrayList<>();
            l.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("update", "loss", "steps", "flow", "jacobians", "longTermShare", "spectra",
                    "gradientNormBefore", "gradientNormAfter", "clipped", "clippedSoFar", "skipped", "learningRate",
                    "nominalStep", "parameterChange");
            int steps = l.get("steps").asInt();
            assertThat(steps).isEqualTo(6);
            assertThat(l.get("flow")).hasSize(2);
            for (int layer = 0; layer < 2; layer++) {
                assertThat(l.get("flow").get(layer).get("layer").asInt()).isEqualTo(layer);
                assertThat(l.get("flow").get(layer).get("norms")).hasSize(steps + 1);
                JsonNode j = l.get("jacobians").get(layer);
                assertThat(j.get("spectral")).hasSize(j.get("steps").asInt() + 1);
                assertThat(j.get("frobenius")).hasSize(j.get("steps").asInt() + 1);
                assertThat(j.get("spectral").get(0).asDouble()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
            }
            JsonNode share = l.get("longTermShare");
            assertThat(share.get("thresholds")).extracting(JsonNode::asInt).containsExactly(0, 3);
            assertThat(share.get("shares")).hasSize(2);
            assertThat(share.get("lagNorms")).hasSize(steps);
            // LSTM: four gate blocks; rnn: one matrix
            assertThat(l.get("spectra")).extracting(b -> b.get("name").asText()).hasSize(5).last().asString()
                    .isEqualTo("rnn.weight_hh_l1");
            assertThat(l.get("spectra").get(0).get("spectralRadius").asDouble()).isPositive();
            assertThat(l.get("clippedSoFar").asLong()).isBetween(clippedBefore, l.get("update").asLong());
            clippedBefore = l.get("clippedSoFar").asLong();
            assertThat(l.get("gradientNormAfter").asDouble()).isLessThanOrEqualTo(l.get("gradientNormBefore").asDouble());
            assertThat(l.get("nominalStep").asDouble()).isEqualTo(
                    l.get("learningRate").asDouble() * l.get("gradientNormAfter").asDouble());
            assertThat(l.get("parameterChange").asDouble()).isPositive();
        }
        assertThat(lines.get(3).get("clippedSoFar").asLong()).isPositive();
    }
}
