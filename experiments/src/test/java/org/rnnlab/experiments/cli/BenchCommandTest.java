package org.rnnlab.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.model.Model;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;
import org.rnnlab.training.Budget;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingListener;

/** {@code rnnlab bench}: its messages, its JSON lines and that what it times is the Trainer's update. */
class BenchCommandTest {
    static final Registries REGISTRIES = CliTest.REGISTRIES;

    /** Every field of a line, in order: the peer's names first, then rnnlab's own. */
    static final List<String> FIELDS = List.of("kind", "cell", "peer_cell", "hidden", "batch", "seq_len", "dtype",
            "threads", "threads_used", "warmup", "steps", "median_step_s", "min_step_s", "mean_step_s", "median_cpu_step_s",
            "timesteps_per_s", "est_gflop_per_step", "est_gflops", "first_loss", "last_loss", "peak_heap_bytes",
            "alloc_bytes_per_step", "warmup_s", "rnnlab", "java", "blas", "element_functions");

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(REGISTRIES, dir, args);
    }

    @Test
    void hasHelpAndIsListed() {
        CliRun r = run("bench", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: rnnlab bench").contains("--cell=NAME[,NAME...]", "--threads=N", "--out=FILE");
        assertThat(run("--help").out()).contains("  bench ");
    }

    @Test
    void refusesBadArgumentsAllAtOnce() {
        CliRun r = run("bench", "--cell", "rnn,lstn", "--hidden", "4,0", "--batch", "0", "--seq-len", "1",
                "--threads", "0", "--warmup", "-1", "--warmup-seconds", "-0.5", "--steps", "0", "--lr", "0", "--pool", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("rnnlab: 10 problems:\n"
                + "- --cell: unknown cell 'lstn'; did you mean 'lstm'? Known cells: gru, indrnn, lstm, lstm_noforget,"
                + " lstm_peephole, plus_rnn, rnn, ugrnn\n"
                + "- --hidden must be > 0, found 0\n"
                + "- --batch must be > 0, found 0\n"
                + "- --seq-len must be >= 2 (one marked position in each half), found 1\n"
                + "- --threads must be > 0, found 0\n"
                + "- --warmup must be >= 0, found -1\n"
                + "- --warmup-seconds must be >= 0 and finite, found -0.5\n"
                + "- --steps must be > 0, found 0\n"
                + "- --lr must be > 0 and finite, found 0.0\n"
                + "- --pool must be > 0, found 0\n");
        CliRun one = run("bench", "--steps", "0");
        assertThat(one.err()).isEqualTo("rnnlab: --steps must be > 0, found 0\n");
        assertThat(run("bench", "--warmup-seconds", "NaN").err())
                .isEqualTo("rnnlab: --warmup-seconds must be >= 0 and finite, found NaN\n");
        CliRun notANumber = run("bench", "--hidden", "32,x");
        assertThat(notANumber.status()).isEqualTo(2);
        assertThat(notANumber.err()).isEqualTo("rnnlab: Invalid value for option '--hidden' (N): 'x' is not an int\n"
                + "Try 'rnnlab bench --help' for more information.\n");
    }

    @Test
    void printsOneCompleteJsonLinePerConfiguration() throws Exception {
        CliRun r = run("bench", "--cell", "rnn,lstm,gru,indrnn,ugrnn", "--hidden", "4,6", "--batch", "3",
                "--seq-len", "5", "--warmup", "1", "--warmup-seconds", "0", "--steps", "3", "--threads", "2",
                "--out", "bench.jsonl");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("# --threads 2: products of at least 262144 multiply-adds, and tanh and sigmoid"
                + " over at least 4096 values, split between 2 threads; the rest of an update runs on one");
        // The tests run with the Vector API enabled, as ./rnnlab does; 512-bit on a JDK 25 whose machine prefers it.
        assertThat(r.err()).containsPattern(
                "\\n# tanh and sigmoid: Vector API, (256|512)-bit through org\\.rnnlab\\.kernels\\.ElementFunctions\\n");
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(10);
        assertThat(Files.readString(dir.resolve("bench.jsonl"))).isEqualTo(r.out());
        int i = 0;
        for (String cell : List.of("rnn", "lstm", "gru", "indrnn", "ugrnn")) {
            for (int hidden : List.of(4, 6)) {
                Map<?, ?> line = (Map<?, ?>) SpecFiles.parse(lines[i++], false);
                assertThat(line.keySet().stream().map(String::valueOf).toList()).containsExactlyElementsOf(FIELDS);
                assertThat(line.get("cell")).isEqualTo(cell);
                assertThat(line.get("hidden")).isEqualTo(hidden);
                assertThat(line.get("seq_len")).isEqualTo(5);
                assertThat(line.get("threads")).isEqualTo(2);
                assertThat(line.get("threads_used")).isEqualTo(2);
                assertThat(line.get("warmup")).isEqualTo(1);
                assertThat(line.get("steps")).isEqualTo(3);
                assertThat(((Number) line.get("warmup_s")).doubleValue()).isNotNegative();
                double median = ((Number) line.get("median_step_s")).doubleValue();
                assertThat(median).isPositive();
                assertThat(((Number) line.get("min_step_s")).doubleValue()).isPositive().isLessThanOrEqualTo(median);
                assertThat(((Number) line.get("timesteps_per_s")).doubleValue()).isCloseTo(3 * 5 / median,
                        org.assertj.core.data.Offset.offset(1e-6 * 15 / median));
                double gflop = ((Number) line.get("est_gflop_per_step")).doubleValue();
                assertThat(((Number) line.get("est_gflops")).doubleValue()).isCloseTo(gflop / median,
                        org.assertj.core.data.Offset.offset(1e-9 * gflop / median));
                assertThat(((Number) line.get("first_loss")).doubleValue()).isPositive();
                assertThat(((Number) line.get("last_loss")).doubleValue()).isPositive();
                assertThat(((Number) line.get("peak_heap_bytes")).longValue()).isPositive();
                assertThat(((Number) line.get("alloc_bytes_per_step")).longValue()).isNotNegative();
                assertThat(String.valueOf(line.get("element_functions"))).matches("Vector API, (256|512)-bit");
            }
        }
    }

    @Test
    void warmsUpForTheSecondsAskedAndSaysHowManyUpdatesThatWas() throws Exception {
        // A tiny model's update takes well under a millisecond: 0.3 s of warm-up is many more than the
        // one update asked; the line gives the count, and that count with no seconds repeats the run.
        CliRun timed = run("bench", "--cell", "rnn", "--hidden", "4", "--batch", "3", "--seq-len", "5", "--warmup", "1",
                "--warmup-seconds", "0.3", "--steps", "2");
        assertThat(timed.status()).as(timed.err()).isZero();
        Map<?, ?> line = (Map<?, ?>) SpecFiles.parse(timed.out().strip(), false);
        int updates = ((Number) line.get("warmup")).intValue();
        assertThat(updates).isGreaterThan(1);
        assertThat(((Number) line.get("warmup_s")).doubleValue()).isGreaterThanOrEqualTo(0.3);
        CliRun counted = run("bench", "--cell", "rnn", "--hidden", "4", "--batch", "3", "--seq-len", "5", "--warmup",
                String.valueOf(updates), "--warmup-seconds", "0", "--steps", "2");
        Map<?, ?> again = (Map<?, ?>) SpecFiles.parse(counted.out().strip(), false);
        assertThat(again.get("warmup")).isEqualTo(updates);
        assertThat(again.get("last_loss")).isEqualTo(line.get("last_loss"));
    }

    @Test
    void flopsAreThePeersFormulaForItsCells() {
        Map<String, Integer> gates = Map.of("rnn", 1, "lstm", 4, "gru", 3);
        for (Map.Entry<String, Integer> cell : gates.entrySet()) {
            int hidden = 7;
            int batch = 3;
            int seqLen = 11;
            Model model = Model.create(TrainingBench.spec(cell.getKey(), hidden), REGISTRIES,
                    new RandomStreams(1).child("init"));
            double forward = seqLen * 2.0 * batch * cell.getValue() * hidden * (2 + hidden) + 2.0 * batch * hidden;
            assertThat(TrainingBench.estFlopsPerUpdate(model, batch, seqLen)).as(cell.getKey()).isEqualTo(3 * forward);
        }
    }

    @Test
    void theTimedUpdateIsTheTrainersUpdate() {
        boolean clipped = false;
        for (String cell : List.of("rnn", "lstm", "gru", "indrnn", "ugrnn")) {
            TrainingBench bench = new TrainingBench(REGISTRIES, cell, 4, 3, 5, 0.5, 2, 42);
            Model model = Model.create(TrainingBench.spec(cell, 4), REGISTRIES, new RandomStreams(42).child("init"));
            assertValues(cell + " before", bench.model(), model);
            List<TransformReport> reports = new ArrayList<>();
            Trainer trainer = Trainer.builder(model, TrainingBench.sgd(REGISTRIES, 0.5))
                    .transforms(List.of(TrainingBench.clip(REGISTRIES)))
                    .budget(Budget.updates(3))
                    .listener(new TrainingListener() {
                        @Override
                        public void onTransform(long update, TransformReport report) {
                            reports.add(report);
                        }
                    })
                    .build();
            trainer.train(index -> bench.batch((int) index));
            for (int i = 0; i < 3; i++) {
                bench.update(i);
            }
            assertValues(cell + " after 3 updates", bench.model(), model);
            clipped |= reports.stream().anyMatch(TransformReport::fired);
        }
        assertThat(clipped).as("some update was clipped, so clipping is compared too").isTrue();
    }

    private static void assertValues(String what, Model actual, Model expected) {
        for (Map.Entry<String, Parameter> p : expected.namedParameters().entrySet()) {
            assertThat(actual.namedParameters().get(p.getKey()).value().data).as(what + ": " + p.getKey())
                    .containsExactly(p.getValue().value().data);
        }
    }
}
