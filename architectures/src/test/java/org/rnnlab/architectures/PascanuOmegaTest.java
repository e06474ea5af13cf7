package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.diagnostics.DiagnosticsChecks;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.training.Trainer;

/**
 * What the regularizer contract ({@link PascanuOmegaContractTest}) does not cover of Pascanu, Mikolov,
 * Bengio 2013's Ω: a known answer, masks, and the models and weights it refuses.
 */
class PascanuOmegaTest {
    private static final Registries REGISTRIES = Registries.standard();
    private static final int INPUT = 3;
    private static final int HIDDEN = 4;
    private static final int STEPS = 6;
    private static final int BATCH = 3;

    private static Regularizer omega(double alpha) {
        return REGISTRIES.regularizers().create("pascanu_omega", Map.of("alpha", alpha));
    }

    private static Model model(String activation, int layers, ReadAt readAt) {
        ModelSpec.Builder b = ModelSpec.builder(INPUT);
        for (int l = 0; l < layers; l++) {
            b.layer(LayerSpec.of("rnn", HIDDEN).withOption("activation", activation));
        }
        Model model = Model.uninitialized(b.output(2, Loss.MSE, readAt).build(), REGISTRIES);
        DiagnosticsChecks.randomize(model, 1, 0.8);
        return model;
    }

    private static Batch batch(ReadAt readAt, int[] lengths, long seed) {
        int targets = readAt == ReadAt.LAST ? 1 : STEPS;
        return Batch.regression(DiagnosticsChecks.inputs(seed, STEPS, BATCH, INPUT), lengths,
                DiagnosticsChecks.values(seed + 1, targets, BATCH, 2));
    }

    private static DMatrixRMaj orthogonal(long seed) {
        DMatrixRMaj g = RandomMatrices_DDRM.rectangleGaussian(HIDDEN, HIDDEN, 0, 1, new Random(seed));
        var qr = DecompositionFactory_DDRM.qr(HIDDEN, HIDDEN);
        assertThat(qr.decompose(g)).isTrue();
        return qr.getQ(null, false);
    }

    /** Identity f and W = ρQ: every step scales ||δ|| by exactly ρ, so r = ρ² and Ω = (ρ² - 1)²; ρ = 1 gives 0 and no gradient. */
    @ParameterizedTest
    @CsvSource({"1.0, 0.0", "0.5, 0.5625", "1.2, 0.1936"})
    void aScaledOrthogonalLinearRecurrenceHasAKnownOmega(double rho, double expected) {
        Model model = model("identity", 1, ReadAt.EVERY);
        DMatrixRMaj w = orthogonal(3);
        CommonOps_DDRM.scale(rho, w);
        model.namedParameters().get("rnn.weight_hh_l0").value().setTo(w);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch(ReadAt.EVERY, new int[] {STEPS, 3, 1}, 7));
        model.zeroGradients();
        double value = omega(1).addGradient(bptt, 1);
        assertThat(value).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        double[] g = model.namedParameters().get("rnn.weight_hh_l0").gradient().data;
        if (rho == 1.0) {
            for (double d : g) {
                assertThat(Math.abs(d)).isLessThan(1e-12);
            }
        } else {
            assertThat(java.util.Arrays.stream(g).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-3);
        }
    }

    /** Ω and its gradient are per-sequence means averaged over the batch, and r does not depend on δ's scale. */
    @Test
    void stepsPastASequencesEndContributeNothing() {
        Model model = model("tanh", 1, ReadAt.LAST);
        int[] lengths = {STEPS, 2, 4};
        Batch batch = batch(ReadAt.LAST, lengths, 9);
        // Garbage past each end: it must change nothing.
        for (int t = 0; t < STEPS; t++) {
            for (int b = 0; b < BATCH; b++) {
                if (t >= lengths[b]) {
                    for (int j = 0; j < INPUT; j++) {
                        batch.inputs()[t].set(b, j, 1e3 * (t + j + 1));
                    }
                }
            }
        }
        double together = value(model, batch);
        DMatrixRMaj gradient = model.namedParameters().get("rnn.weight_hh_l0").gradient().copy();
        double alone = 0;
        DMatrixRMaj sum = new DMatrixRMaj(HIDDEN, HIDDEN);
        for (int b = 0; b < BATCH; b++) {
            DMatrixRMaj[] xs = new DMatrixRMaj[lengths[b]];
            for (int t = 0; t < xs.length; t++) {
                xs[t] = new DMatrixRMaj(1, INPUT);
                System.arraycopy(batch.inputs()[t].data, b * INPUT, xs[t].data, 0, INPUT);
            }
            DMatrixRMaj y = new DMatrixRMaj(1, 2);
            System.arraycopy(batch.targets()[0].data, b * 2, y.data, 0, 2);
            alone += value(model, Batch.regression(xs, null, new DMatrixRMaj[] {y}));
            CommonOps_DDRM.addEquals(sum, model.namedParameters().get("rnn.weight_hh_l0").gradient());
        }
        assertThat(together).isGreaterThan(1e-3).isCloseTo(alone / BATCH, org.assertj.core.data.Offset.offset(1e-12));
        CommonOps_DDRM.scale(1.0 / BATCH, sum);
        for (int i = 0; i < sum.getNumElements(); i++) {
            assertThat(gradient.data[i]).isCloseTo(sum.data[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /** Ω of one batch; the model's gradients hold its gradient alone afterwards. */
    private static double value(Model model, Batch batch) {
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch);
        model.zeroGradients();
        return omega(1).addGradient(bptt, 1);
    }

    @Test
    void otherCellsAreRefusedNamingTheSupportedOne() {
        ModelSpec spec = ModelSpec.builder(INPUT).layer(LayerSpec.of("rnn", HIDDEN)).layer(LayerSpec.of("lstm", HIDDEN))
                .output(2, Loss.MSE, ReadAt.LAST).build();
        List<String> problems = new ArrayList<>();
        omega(1).checkModel(spec, "regularizers[0]", problems);
        String expected = "regularizers[0]: pascanu_omega supports only the rnn cell, found lstm at model.layers[1].cell;"
                + " use cell rnn or drop the regularizer";
        assertThat(problems).containsExactly(expected);
        Model model = Model.create(spec, 1);
        Trainer.Builder builder = Trainer.builder(model, REGISTRIES.optimizers().create("sgd", Map.of()))
                .regularizers(List.of(omega(1)));
        assertThatThrownBy(builder::build).isInstanceOf(InvalidSpecException.class).hasMessage(expected);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch(ReadAt.LAST, null, 2));
        assertThatThrownBy(() -> omega(1).addGradient(bptt, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("supports only the rnn cell");
    }

    @Test
    void itsWeightDefaultsToOneAndMustNotBeNegative() {
        Regularizer plugin = REGISTRIES.regularizers().get("pascanu_omega");
        assertThat(plugin.params().getDouble("alpha")).isEqualTo(1.0);
        List<String> problems = new ArrayList<>();
        assertThat(REGISTRIES.regularizers().create("pascanu_omega", Map.of("alpha", -1), "regularizers[0]", problems)).isEmpty();
        assertThat(problems).containsExactly("regularizers[0].alpha must be >= 0, found -1");
    }
}
