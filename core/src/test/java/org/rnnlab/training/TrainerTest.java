package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.model.Batch;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;

class TrainerTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));
    private static final Registries STANDARD = Registries.standard();

    private static Model model(long seed) {
        Model model = Model.uninitialized(ModelSpec.builder(2).layer(LayerSpec.of("toy", 6))
                .output(1, Loss.MSE, ReadAt.LAST).build(), TOY);
        RandomGenerator random = new RandomStreams(seed).stream("params");
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = 0.6 * (random.nextDouble() - 0.5);
            }
        }
        return model;
    }

    /** Target: the first input's value at step 0, remembered over a few steps. */
    private static DataSource memory(long seed, int steps, int batch) {
        return index -> {
            RandomGenerator random = new RandomStreams(seed).stream("batch/" + index);
            DMatrixRMaj[] xs = new DMatrixRMaj[steps];
            DMatrixRMaj y = new DMatrixRMaj(batch, 1);
            for (int t = 0; t < steps; t++) {
                xs[t] = new DMatrixRMaj(batch, 2);
                for (int b = 0; b < batch; b++) {
                    xs[t].set(b, 0, t == 0 ? random.nextDouble() - 0.5 : 0);
                    xs[t].set(b, 1, t == 0 ? 1 : 0);
                }
            }
            for (int b = 0; b < batch; b++) {
                y.set(b, 0, xs[0].get(b, 0));
            }
            return Batch.regression(xs, null, new DMatrixRMaj[] {y});
        };
    }

    private static Optimizer adam(double lr) {
        return STANDARD.optimizers().create("adam", Map.of("lr", lr));
    }

    @Test
    void learnsAndStopsWhenSolved() {
        Model model = model(1);
        double before = new Evaluator(memory(99, 4, 32), 2, null).evaluate(model).loss();
        TrainingResult result = Trainer.builder(model, adam(0.02))
                .budget(Budget.updates(2000))
                .evaluate(25, new Evaluator(memory(99, 4, 32), 2, Metrics.squaredErrorAbove(0.0025)), e -> e.errorRate() == 0)
                .build()
                .train(memory(1, 4, 16));
        assertThat(result.status()).isEqualTo(Status.SOLVED);
        assertThat(result.lastEvaluation().loss()).isLessThan(before / 20);
        assertThat(result.updates()).isLessThan(2000).isEqualTo(result.lastEvaluation().update());
    }

    @Test
    void sameSeedSameRun() {
        double[] first = trainBriefly();
        double[] second = trainBriefly();
        assertThat(second).isEqualTo(first);
    }

    /** Keeping two state gradients in turn when nobody reads them changes no bit of training. */
    @Test
    void stateGradientsKeptOrNotSameRun() {
        assertThat(trainBriefly(false)).isEqualTo(trainBriefly(true));
    }

    @Test
    void stateGradientsAreKeptOnlyForTheUpdatesWhoseListenersReadThem() {
        for (boolean truncated : new boolean[] {false, true}) {
            List<String> seen = new ArrayList<>();
            Trainer.Builder builder = Trainer.builder(model(5), adam(0.01))
                    .budget(Budget.updates(4))
                    .listener(new TrainingListener() {
                        @Override
                        public boolean readsStateGradients(long update) {
                            return update % 2 == 0;
                        }

                        @Override
                        public void onGradients(long update, org.rnnlab.model.Bptt bptt) {
                            seen.add(update + " " + bptt.layer(0).stateGradientsKept());
                        }
                    });
            if (truncated) {
                builder.truncated(2, 3);
            }
            builder.build().train(memory(6, 6, 4));
            assertThat(seen).as("truncated: %s", truncated).containsExactly("1 false", "2 true", "3 false", "4 true");
        }
    }

    private static double[] trainBriefly() {
        return trainBriefly(true);
    }

    private static double[] trainBriefly(boolean readsStateGradients) {
        Model model = model(2);
        List<Double> losses = new ArrayList<>();
        Trainer.builder(model, adam(0.01))
                .budget(Budget.updates(20))
                .listener(new TrainingListener() {
                    @Override
                    public boolean readsStateGradients(long update) {
                        return readsStateGradients;
                    }

                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        losses.add(m.loss());
                    }
                })
                .build()
                .train(memory(3, 4, 8));
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void budgetEndsTheRunAndListenersHearEveryStage() {
        List<String> events = new ArrayList<>();
        TrainingResult result = Trainer.builder(model(3), adam(0.01))
                .transforms(List.of(STANDARD.gradientTransforms().create("clip_global_norm", Map.of("threshold", 1e-3))))
                .budget(Budget.updates(3))
                .evaluate(2, new Evaluator(memory(5, 4, 4), 1, null), e -> false)
                .listener(new TrainingListener() {
                    @Override
                    public void onGradients(long update, org.rnnlab.model.Bptt bptt) {
                        events.add("gradients " + update + " " + (bptt.layer(0).stateGradient(1)[0].numRows));
                    }

                    @Override
                    public void onTransform(long update, TransformReport report) {
                        events.add("transform " + update + " " + report.transform() + " " + report.fired());
                    }

                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        events.add("update " + m.update() + " clipped " + m.clipped()
                                + " after " + (Math.abs(m.gradientNormAfter() - 1e-3) < 1e-12));
                    }

                    @Override
                    public void onEvaluation(Evaluation e) {
                        events.add("evaluation " + e.update());
                    }

                    @Override
                    public void onFinish(TrainingResult r) {
                        events.add("finish " + r.status().word());
                    }
                })
                .build()
                .train(memory(4, 4, 4));
        assertThat(result.status()).isEqualTo(Status.BUDGET);
        assertThat(result.updates()).isEqualTo(3);
        assertThat(events).containsExactly(
                "gradients 1 4", "transform 1 clip_global_norm true", "update 1 clipped true after true",
                "gradients 2 4", "transform 2 clip_global_norm true", "update 2 clipped true after true", "evaluation 2",
                "gradients 3 4", "transform 3 clip_global_norm true", "update 3 clipped true after true", "evaluation 3",
                "finish budget");
    }

    @Test
    void truncatedBpttUpdatesOncePerSegment() {
        List<Long> updates = new ArrayList<>();
        TrainingResult result = Trainer.builder(model(4), adam(0.01))
                .truncated(2, 3)
                .budget(Budget.updates(5))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        updates.add(m.update());
                    }
                })
                .build()
                .train(memory(6, 6, 4));
        assertThat(result.updates()).isEqualTo(5);
        assertThat(updates).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void nonFiniteGradientDivergesWithAMessage() {
        Model model = model(5);
        DataSource poisoned = index -> {
            Batch b = memory(7, 4, 4).batch(index);
            if (index == 2) {
                b.inputs()[1].set(0, 0, Double.NaN);
            }
            return b;
        };
        TrainingResult result = Trainer.builder(model, adam(0.01)).budget(Budget.updates(10)).build().train(poisoned);
        assertThat(result.status()).isEqualTo(Status.DIVERGED);
        assertThat(result.updates()).isEqualTo(3);
        assertThat(result.message()).isEqualTo(
                "Gradient of rnn.weight_ih_l0 is not finite at update 3 (found NaN) and no gradient transform handled it;"
                        + " the run diverged");
        for (Parameter p : model.parameters()) {
            for (double v : p.value().data) {
                assertThat(v).as("the model keeps the values of update 2").isFinite();
            }
        }
    }

    @Test
    void skipPolicyDropsTheUpdateAndCountsIt() {
        DataSource poisoned = index -> {
            Batch b = memory(7, 4, 4).batch(index);
            if (index == 1) {
                b.inputs()[1].set(0, 0, Double.NaN);
            }
            return b;
        };
        TrainingResult result = Trainer.builder(model(6), adam(0.01))
                .transforms(List.of(STANDARD.gradientTransforms().create("non_finite", Map.of("policy", "skip"))))
                .budget(Budget.updates(4)).build().train(poisoned);
        assertThat(result.status()).isEqualTo(Status.BUDGET);
        assertThat(result.skippedUpdates()).isEqualTo(1);
    }

    @Test
    void constraintsRunAfterEachUpdate() {
        Model model = model(8);
        List<Long> constrained = new ArrayList<>();
        Trainer.builder(model, STANDARD.optimizers().create("sgd", Map.of("lr", 1.0)))
                .constraints(List.of(STANDARD.constraints().create("clamp", Map.of("limit", 0.05))))
                .budget(Budget.updates(3))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        constrained.add(m.constrained());
                    }
                })
                .build().train(memory(9, 4, 4));
        assertThat(constrained.get(0)).isPositive();
        for (double v : model.namedParameters().get("rnn.weight_hh_l0").value().data) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.05);
        }
    }

    @Test
    void wallTimeBudgetStopsALongRun() {
        TrainingResult result = Trainer.builder(model(9), adam(0.001))
                .budget(Budget.updates(Long.MAX_VALUE).orWallTime(java.time.Duration.ofMillis(200)))
                .build().train(memory(10, 4, 4));
        assertThat(result.status()).isEqualTo(Status.BUDGET);
        assertThat(result.updates()).isPositive().isLessThan(Long.MAX_VALUE);
        assertThat(result.seconds()).isGreaterThanOrEqualTo(0.2).isLessThan(5);
    }

    @Test
    void cellsEnforceTheirOwnConstraintsAfterEachUpdate() {
        long[] calls = {0};
        org.rnnlab.spi.CellType counting = new org.rnnlab.spi.CellType() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public String description() {
                return "the toy cell, counting afterUpdate calls";
            }

            @Override
            public org.rnnlab.spi.Cell create(int inputSize, int hiddenSize) {
                org.rnnlab.spi.Cell toy = new ToyCellType().create(inputSize, hiddenSize);
                return (org.rnnlab.spi.Cell) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.rnnlab.spi.Cell.class}, (proxy, method, args) -> {
                            if (method.getName().equals("afterUpdate")) {
                                calls[0]++;
                                return 7L;
                            }
                            return method.invoke(toy, args);
                        });
            }
        };
        Model model = Model.uninitialized(ModelSpec.builder(2).layer(LayerSpec.of("counting", 3))
                .output(1, Loss.MSE, ReadAt.LAST).build(), Registries.of(Map.of(PluginKind.CELL, List.of(counting))));
        List<Long> constrained = new ArrayList<>();
        Trainer.builder(model, adam(0.01)).budget(Budget.updates(3))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        constrained.add(m.constrained());
                    }
                })
                .build().train(memory(11, 3, 2));
        assertThat(calls[0]).isEqualTo(3);
        assertThat(constrained).containsExactly(7L, 7L, 7L);
    }
}
