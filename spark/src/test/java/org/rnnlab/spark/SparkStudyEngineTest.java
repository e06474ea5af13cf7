package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.study.ResultRow;
import org.rnnlab.experiments.study.Study;
import org.rnnlab.experiments.study.StudyEngineProvider;
import org.rnnlab.experiments.study.StudyListener;
import org.rnnlab.experiments.study.StudyResult;
import org.rnnlab.experiments.study.StudyRunner;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;

/** A study on embedded Spark against the same study on the local pool of workers. */
class SparkStudyEngineTest {
    /**
     * Six small runs of the adding task (T = 10, 12 updates) over two activations and two seeds, and two
     * runs of a task that always fails.
     */
    static final String STUDY = """
            study: spark-six
            base:
              task: {name: adding, length: 10}
              model:
                layers: [{cell: rnn, hiddenSize: 3}]
              optimizer: {name: adam, lr: 0.01}
              batchSize: 4
              budget: {updates: 12}
              evaluation: {every: 6, batches: 1, batchSize: 8}
              record: {every: 4, diagnosticsEvery: 6}
            variants:
              - label: elman
                grid:
                  model.layers[0].options.activation: [tanh, relu]
              - label: broken
                set: {task: broken}
            seeds: [1, 2]
            """;

    private static JavaSparkContext context;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        // Two task slots; each task tried twice before Spark gives up on it.
        context = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("SparkStudyEngineTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    static Study study() {
        return Study.expand(SpecFiles.parse(STUDY, true), name -> {
            throw new InvalidSpecException(List.of("no base files here"));
        }, null, List.of(), Registries.standard());
    }

    static StudyRunner local() {
        return new StudyRunner(Registries.standard()).workers(2);
    }

    static StudyRunner spark() {
        return new StudyRunner(Registries.standard()).engine(new SparkStudyEngine(context));
    }

    /** A file's lines without the last comma-separated column: wall_seconds in results.csv, the only timing. */
    static String withoutLastColumn(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            sb.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        return sb.toString();
    }

    static List<String> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void sparkWritesTheTablesAndRunFoldersTheLocalPoolWrites() throws IOException {
        Study study = study();
        BrokenTask.ATTEMPTS_IN_SPARK.set(0);
        StudyResult onPool = local().run(study, dir.resolve("pool"));
        List<String> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        StudyResult onSpark = spark().listener(new StudyListener() {
            @Override
            public void runStarted(org.rnnlab.experiments.study.PlannedRun run, long updates) {
                heard.add("started " + run.id() + " of " + updates);
            }

            @Override
            public void runFinished(org.rnnlab.experiments.study.PlannedRun run, ResultRow row) {
                heard.add("finished " + run.id());
            }
        }).run(study, dir.resolve("spark"));
        // Each run was heard to start once, retries or not, and before it finished.
        for (String id : List.of("0000", "0001", "0002", "0003", "0004", "0005")) {
            assertThat(heard).containsOnlyOnce("started " + id + " of 12");
            assertThat(heard.indexOf("started " + id + " of 12")).isLessThan(heard.indexOf("finished " + id));
        }
        assertThat(heard).hasSize(12);

        assertThat(onSpark.rows()).hasSize(6);
        assertThat(onSpark.ran()).isEqualTo(6);
        assertThat(onSpark.count("failed")).isEqualTo(2);
        assertThat(withoutLastColumn(onSpark.results())).isEqualTo(withoutLastColumn(onPool.results()));
        assertThat(Files.readString(onSpark.summaryFile())).isEqualTo(Files.readString(onPool.summaryFile()));
        assertThat(Files.readAllLines(dir.resolve("spark/journal.jsonl"))).hasSize(6);
        // Each broken run was tried twice, as local[2,2] allows, and then recorded with its error.
        assertThat(BrokenTask.ATTEMPTS_IN_SPARK).hasValue(4);
        String[] failed = Files.readAllLines(onSpark.results()).get(5).split(",", -1);
        assertThat(List.of(failed).subList(0, 6)).containsExactly("0004", "broken", "", "1", "failed", "0");
        assertThat(failed[12]).isEqualTo("IllegalStateException: the data source is broken");

        // Every run folder has the same files; the weights are bit for bit the same.
        for (ResultRow row : onPool.rows()) {
            Path pool = dir.resolve("pool/runs").resolve(row.run());
            Path spark = dir.resolve("spark/runs").resolve(row.run());
            assertThat(files(spark)).as(row.run()).isEqualTo(files(pool));
            if (row.status().equals("failed")) {
                continue;
            }
            assertThat(Files.readAllBytes(spark.resolve("model.safetensors")))
                    .isEqualTo(Files.readAllBytes(pool.resolve("model.safetensors")));
            assertThat(Files.readString(spark.resolve("diagnostics.jsonl")))
                    .isEqualTo(Files.readString(pool.resolve("diagnostics.jsonl")));
        }
        try (Stream<Path> left = Files.list(dir.resolve("spark/runs"))) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted()).containsExactly("0000", "0001", "0002", "0003",
                    "0004", "0005");
        }
    }

    @Test
    void aStudyStoppedMidwayIsResumedOnSparkWithOnlyItsUnfinishedRuns() throws IOException {
        Study study = study();
        Path folder = dir.resolve("study");
        // The driver dies after the third run's journal line: a listener that throws stands for the crash.
        int[] finished = {0};
        StudyListener crash = new StudyListener() {
            @Override
            public void runFinished(org.rnnlab.experiments.study.PlannedRun run, ResultRow row) {
                if (++finished[0] == 3) {
                    throw new IllegalStateException("the driver dies");
                }
            }
        };
        assertThatThrownBy(() -> spark().listener(crash).run(study, folder)).hasMessageContaining("the driver dies");
        List<String> journal = Files.readAllLines(folder.resolve("journal.jsonl"));
        assertThat(journal).hasSize(3);

        StudyResult resumed = spark().resume(true).run(study, folder);
        assertThat(resumed.ran()).isEqualTo(3);
        assertThat(resumed.complete()).isTrue();
        assertThat(Files.readAllLines(folder.resolve("journal.jsonl")).subList(0, 3)).isEqualTo(journal);

        StudyResult onPool = local().run(study, dir.resolve("pool"));
        assertThat(withoutLastColumn(resumed.results())).isEqualTo(withoutLastColumn(onPool.results()));
    }

    @Test
    void theSparkEngineIsFoundByNameAndRefusesOptionsItDoesNotHave() {
        StudyEngineProvider provider = StudyEngineProvider.find("spark");
        assertThat(provider).isInstanceOf(SparkStudyEngineProvider.class);
        assertThat(provider.create(Map.of("master", "local[1]"))).isInstanceOf(SparkStudyEngine.class);
        assertThatThrownBy(() -> provider.create(Map.of("workers", "2", "master", "local[1]")))
                .hasMessage("The spark engine has no option workers; its options: master");
        for (String good : List.of("local", "local[4]", "local[*]", "local[*,3]", "spark://10.0.0.1:7077",
                "spark://a:7077,b:7077", "yarn", "k8s://https://host:6443")) {
            assertThat(provider.create(Map.of("master", good))).as(good).isInstanceOf(SparkStudyEngine.class);
        }
        for (String bad : List.of("spark://host", "local[0]", "lokal[2]", "host:7077")) {
            assertThatThrownBy(() -> provider.create(Map.of("master", bad))).as(bad)
                    .hasMessage("--master must be a Spark master URL (local, local[N], local[*], local[N,F] for F attempts "
                            + "per task, spark://HOST:PORT, yarn or k8s://...), found '" + bad + "'");
        }
        assertThat(SparkStudyEngine.gaveUp(new IllegalStateException("Job aborted: executor lost\n\tat somewhere")))
                .isEqualTo("Spark gave up on the run's task: Job aborted: executor lost");
        assertThatThrownBy(() -> StudyEngineProvider.find("sprak"))
                .hasMessage("Unknown study engine 'sprak'; known engines: local, spark");
    }
}
