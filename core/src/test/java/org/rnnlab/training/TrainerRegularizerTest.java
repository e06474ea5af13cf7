package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.spi.TransformReport;

/** Where the trainer calls regularizers, what it reports of them, and what it refuses. */
class TrainerRegularizerTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));

    private static Model model() {
        Model model = Model.uninitialized(ModelSpec.builder(2).layer(LayerSpec.of("toy", 4))
                .output(1, Loss.MSE, ReadAt.LAST).build(), TOY);
        RandomGenerator random = new RandomStreams(7).stream("params");
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = 0.6 * (random.nextDouble() - 0.5);
            }
        }
        return model;
    }

    private static DataSource data() {
        return index -> {
            RandomGenerator random = new RandomStreams(3).stream("batch/" + index);
            DMatrixRMaj[] xs = new DMatrixRMaj[3];
            for (int t = 0; t < xs.length; t++) {
                xs[t] = new DMatrixRMaj(2, 2);
                for (int i = 0; i < 4; i++) {
                    xs[t].data[i] = random.nextDouble() - 0.5;
                }
            }
            return Batch.regression(xs, null, new DMatrixRMaj[] {new DMatrixRMaj(2, 1, true, 0.5, -0.5)});
        };
    }

    /** Adds 1000 to readout.bias's gradient, logs what it saw, and reports 0.25 (or refuses a model). */
    private static final class Marker extends AbstractPlugin<Regularizer> implements Regularizer {
        private final List<String> events;
        private final String refusal;

        Marker(List<String> events, String refusal) {
            super("marker", "adds 1000 to readout.bias's gradient");
            this.events = events;
            this.refusal = refusal;
        }

        @Override
        public double addGradient(Bptt bptt, long update) {
            Parameter bias = bptt.model().namedParameters().get("readout.bias");
            events.add("regularizer " + update + " sees " + (bias.gradient().data[0] < 500));
            bias.gradient().data[0] += 1000;
            return 0.25;
        }

        @Override
        public void checkModel(ModelSpec spec, String path, List<String> problems) {
            if (refusal != null) {
                problems.add(path + ": " + refusal);
            }
        }
    }

    /** Logs whether the marker's 1000 is in the gradient it transforms. */
    private static GradientTransform probe(List<String> events) {
        final class Probe extends AbstractPlugin<GradientTransform> implements GradientTransform {
            Probe() {
                super("probe", "logs readout.bias's gradient");
            }

            @Override
            public TransformReport apply(List<Parameter> parameters, long update) {
                double g = parameters.stream().filter(p -> p.name().equals("readout.bias")).findFirst()
                        .orElseThrow().gradient().data[0];
                events.add("transform " + update + " sees penalty " + (g > 1500));
                return TransformReport.unchanged("probe", 0);
            }
        }
        return new Probe();
    }

    @Test
    void runsAfterTheListenersAndBeforeTheTransformsAndIsReported() {
        List<String> events = new ArrayList<>();
        Trainer.builder(model(), Registries.standard().optimizers().create("sgd", Map.of("lr", 1e-6)))
                .regularizers(List.of(new Marker(events, null), new Marker(events, null)))
                .transforms(List.of(probe(events)))
                .budget(Budget.updates(2))
                .listener(new TrainingListener() {
                    @Override
                    public void onGradients(long update, Bptt bptt) {
                        double g = bptt.model().namedParameters().get("readout.bias").gradient().data[0];
                        events.add("gradients " + update + " pure " + (Math.abs(g) < 500));
                    }

                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        events.add("update " + m.update() + " regularization " + m.regularization()
                                + " norm above 1500 " + (m.gradientNormBefore() > 1500));
                    }
                })
                .build()
                .train(data());
        assertThat(events).containsExactly(
                "gradients 1 pure true", "regularizer 1 sees true", "regularizer 1 sees false",
                "transform 1 sees penalty true", "update 1 regularization 0.5 norm above 1500 true",
                "gradients 2 pure true", "regularizer 2 sees true", "regularizer 2 sees false",
                "transform 2 sees penalty true", "update 2 regularization 0.5 norm above 1500 true");
    }

    @Test
    void withoutRegularizersTheValueIsZero() {
        List<Double> values = new ArrayList<>();
        Trainer.builder(model(), Registries.standard().optimizers().create("sgd", Map.of("lr", 0.01)))
                .budget(Budget.updates(1))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        values.add(m.regularization());
                    }
                })
                .build()
                .train(data());
        assertThat(values).containsExactly(0.0);
    }

    @Test
    void refusesAModelTheRegularizerCannotHandleAndTruncatedBptt() {
        Trainer.Builder builder = Trainer.builder(model(), Registries.standard().optimizers().create("sgd", Map.of()))
                .regularizers(List.of(new Marker(new ArrayList<>(), null), new Marker(new ArrayList<>(), "no toys")))
                .truncated(2, 3);
        assertThatThrownBy(builder::build).isInstanceOf(InvalidSpecException.class).hasMessage(String.join("\n",
                "3 problems:",
                "- regularizers[0]: marker needs full BPTT, found truncated BPTT with k1 2 and k2 3 (after a segment"
                        + " only its own steps have dL/dh_t); drop the truncation or the regularizer",
                "- regularizers[1]: no toys",
                "- regularizers[1]: marker needs full BPTT, found truncated BPTT with k1 2 and k2 3 (after a segment"
                        + " only its own steps have dL/dh_t); drop the truncation or the regularizer"));
    }
}
