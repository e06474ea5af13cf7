package org.rnnlab.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ReadAt;
import org.rnnlab.training.Status;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.UpdateMetrics;

class ExperimentRunnerTest {
    /** A toy task that a small tanh network solves within a few hundred updates (measured: about 300). */
    static final String LEARNABLE = """
            {"seed": 3,
             "task": {"name": "toy_sum", "length": 3, "threshold": 0.02, "solvedErrorRate": 0.05},
             "model": {"layers": [{"cell": "rnn", "hiddenSize": 8}]},
             "optimizer": {"name": "adam", "lr": 0.01},
             "batchSize": 16,
             "budget": {"updates": 1500},
             "evaluation": {"every": 25, "batches": 2, "batchSize": 50}}
            """;

    @Test
    void theModelTakesItsShapeFromTheTask() {
        Experiment e = SpecFilesTest.load(LEARNABLE);
        assertThat(e.modelSpec().inputSize()).isEqualTo(1);
        assertThat(e.modelSpec().outputSize()).isEqualTo(1);
        assertThat(e.modelSpec().loss()).isEqualTo(Loss.MSE);
        assertThat(e.modelSpec().readAt()).isEqualTo(ReadAt.LAST);
    }

    @Test
    void theModelIsInitializedFromTheInitStreamsOfTheSeed() {
        Experiment e = SpecFilesTest.load(LEARNABLE);
        Model a = e.newModel();
        Model b = Model.create(e.modelSpec(), 3);
        assertThat(a.parameters()).hasSameSizeAs(b.parameters());
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value().data).isEqualTo(b.parameters().get(i).value().data);
        }
        Model other = SpecFilesTest.load(LEARNABLE, "seed=4").newModel();
        assertThat(other.parameters().get(0).value().data).isNotEqualTo(a.parameters().get(0).value().data);
    }

    @Test
    void solvesAndStops() {
        ExperimentResult result = new ExperimentRunner(SpecFilesTest.load(LEARNABLE)).run();
        assertThat(result.training().status()).as("%s", result.training()).isEqualTo(Status.SOLVED);
        assertThat(result.training().updates()).isLessThan(1500).isEqualTo(result.training().lastEvaluation().update());
        assertThat(result.training().lastEvaluation().errorRate()).isLessThanOrEqualTo(0.05);
        assertThat(result.lossToBaseline()).isLessThan(0.5);
    }

    @Test
    void sameSpecSameRunBitForBit() {
        String spec = LEARNABLE.replace("\"updates\": 1500", "\"updates\": 60");
        double[] first = losses(SpecFilesTest.load(spec));
        double[] second = losses(SpecFilesTest.load(spec));
        assertThat(second).isEqualTo(first);
        assertThat(losses(SpecFilesTest.load(spec, "seed=4"))).isNotEqualTo(first);
    }

    @Test
    void everyPartOfTheSpecIsUsed() {
        String spec = """
                {"task": {"name": "toy_sum", "length": 4},
                 "model": {"layers": [{"cell": "rnn", "hiddenSize": 4}]},
                 "optimizer": {"name": "sgd", "lr": 0.1},
                 "schedule": {"name": "step_decay", "factor": 0.5, "every": 2, "warmup": 2},
                 "transforms": [{"name": "clip_global_norm", "threshold": 1e-6}],
                 "constraints": [{"name": "clamp", "limit": 0.01, "role": "all"}],
                 "truncation": {"stepsBetweenUpdates": 2},
                 "budget": {"updates": 6},
                 "evaluation": {"every": 1000, "stopWhenSolved": false}}
                """;
        List<UpdateMetrics> updates = new java.util.ArrayList<>();
        ExperimentResult result = new ExperimentRunner(SpecFilesTest.load(spec))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        updates.add(m);
                    }
                }).run();
        // two updates per sequence of 4 steps (k1 = 2), so 6 updates read 3 batches; the loss is read at the
        // last step, so the first segment of each sequence has none and its gradient is zero
        assertThat(result.training().updates()).isEqualTo(6);
        assertThat(updates).extracting(UpdateMetrics::learningRate).containsExactly(0.05, 0.1, 0.1, 0.1, 0.05, 0.05);
        assertThat(updates).extracting(UpdateMetrics::clipped).containsExactly(false, true, false, true, false, true);
        assertThat(updates.get(0).constrained()).isPositive();
        for (var p : result.model().parameters()) {
            for (double v : p.value().data) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(0.01);
            }
        }
        assertThat(result.training().lastEvaluation()).isNotNull();
    }

    private static double[] losses(Experiment e) {
        List<Double> out = new java.util.ArrayList<>();
        new ExperimentRunner(e).listener(new TrainingListener() {
            @Override
            public void onUpdate(UpdateMetrics m) {
                out.add(m.loss());
            }
        }).run();
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void runsFromJavaWithoutFiles() {
        ExperimentSpec spec = ExperimentSpec.builder(org.rnnlab.params.PluginRef.of("toy_sum"),
                        ModelSection.of(org.rnnlab.model.LayerSpec.of("rnn", 4)))
                .budget(new BudgetSpec(3, null))
                .transform("clip_global_norm", Map.of("threshold", 1.0))
                .build();
        ExperimentResult result = new ExperimentRunner(Experiment.resolve(spec, SpecFilesTest.REGISTRIES)).run();
        assertThat(result.training().status()).isEqualTo(Status.BUDGET);
        assertThat(result.training().updates()).isEqualTo(3);
    }
}
