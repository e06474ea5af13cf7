package org.rnnlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;
import org.rnnlab.training.Budget;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingListener;

/**
 * Every measurement, taken from a listener at every update, leaves training exactly as it would
 * have been: the trained parameters are bit for bit those of a run without the listener.
 */
class DiagnosticsDuringTrainingTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));
    private static final int STEPS = 6;
    private static final int BATCH = 4;

    private static Model model() {
        Model model = Model.uninitialized(ModelSpec.builder(2).layer(LayerSpec.of("toy", 5)).layer(LayerSpec.of("toy", 3))
                .output(1, Loss.MSE, ReadAt.EVERY).build(), TOY);
        DiagnosticsChecks.randomize(model, 11, 1.0);
        return model;
    }

    private static DataSource data() {
        return index -> Batch.regression(DiagnosticsChecks.inputs(100 + index, STEPS, BATCH, 2), new int[] {6, 5, 3, 6},
                DiagnosticsChecks.values(200 + index, STEPS, BATCH, 1));
    }

    private static List<double[]> train(Model model, TrainingListener listener) {
        Trainer.Builder builder = Trainer.builder(model, Registries.standard().optimizers().create("adam", Map.of("lr", 0.05)))
                .budget(Budget.updates(12));
        if (listener != null) {
            builder.listener(listener);
        }
        builder.build().train(data());
        return model.parameters().stream().map(Parameter::value).map(v -> v.data.clone()).toList();
    }

    @Test
    void measuringEveryUpdateChangesNothing() {
        List<double[]> plain = train(model(), null);
        List<String> seen = new ArrayList<>();
        RandomGenerator random = new RandomStreams(5).stream("diagnostics");
        List<double[]> measured = train(model(), new TrainingListener() {
            @Override
            public void onGradients(long update, Bptt bptt) {
                GradientFlow flow = Diagnostics.gradientFlow(bptt);
                JacobianNorms exact = Diagnostics.jacobianNorms(bptt, 0, 2, random);
                JacobianNorms estimated = Diagnostics.estimatedJacobianNorms(bptt, 0, 0, 2, random);
                LongTermShare share = Diagnostics.longTermShare(bptt, 2);
                RecurrentSpectra spectra = Diagnostics.recurrentSpectra(bptt.model());
                GradientFlow again = Diagnostics.gradientFlow(bptt);
                assertThat(again.layers().get(1).norms()).as("the flow after the other measurements")
                        .containsExactly(flow.layers().get(1).norms());
                seen.add(update + ": " + exact.steps() + " " + estimated.probes() + " " + share.combined().lags() + " "
                        + spectra.blocks().size());
            }
        });
        assertThat(seen).hasSize(12).startsWith("1: 3 2 6 2");
        for (int i = 0; i < plain.size(); i++) {
            assertThat(measured.get(i)).as("parameter %d after training", i).containsExactly(plain.get(i));
        }
    }

    /** A listener sees the top layer's output gradient as the loss set it: dL/dy_t Wout for every step. */
    @Test
    void theOutputGradientIsTheReadoutsGradientAtEveryStep() {
        Model model = model();
        Bptt bptt = new Bptt(model);
        Batch batch = data().batch(0);
        bptt.lossAndGradients(batch);
        DMatrixRMaj w = model.namedParameters().get("readout.weight").value();
        for (int t = 0; t < STEPS; t++) {
            for (int b = 0; b < BATCH; b++) {
                double y = bptt.predictions()[t].get(b, 0);
                double scored = t < batch.length(b) ? 1 : 0;
                double dy = scored * 2 * (y - batch.targets()[t].get(b, 0)) / (6 + 5 + 3 + 6);
                for (int j = 0; j < 3; j++) {
                    assertThat(bptt.outputGradient(t).get(b, j)).isCloseTo(dy * w.get(0, j),
                            org.assertj.core.data.Offset.offset(1e-15));
                }
            }
        }
    }
}
