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
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.diagnostics.DiagnosticsChecks;
import org.rnnlab.diagnostics.GradientFlow;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.training.Budget;
import org.rnnlab.training.Status;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.TrainingResult;
import org.rnnlab.training.UpdateMetrics;

/**
 * Pascanu, Mikolov, Bengio 2013's Ω against its formula evaluated by hand from frozen δ and f'(z),
 * its gradient against central differences of that formula, a known answer, masks and refusals.
 */
class PascanuOmegaTest {
    private static final Registries REGISTRIES = Registries.standard();
    private static final int INPUT = 3;
    private static final int HIDDEN = 4;
    private static final int STEPS = 6;
    private static final int BATCH = 3;

    /** f(x) = x + sin(x) / 2, whose derivative needs x itself: every shipped activation's follows from y. */
    private static final class Wave extends org.rnnlab.spi.AbstractPlugin<Activation> implements Activation {
        Wave() {
            super("wave", "x + sin(x) / 2");
        }

        @Override
        public double apply(double x) {
            return x + Math.sin(x) / 2;
        }

        @Override
        public double derivative(double x, double y) {
            return 1 + Math.cos(x) / 2;
        }
    }

    private static final Registries WAVE = Registries.of(Map.of(
            org.rnnlab.registry.PluginKind.CELL, List.of(new RnnCellType()),
            org.rnnlab.registry.PluginKind.ACTIVATION, List.of(new Wave()),
            org.rnnlab.registry.PluginKind.INITIALIZER, REGISTRIES.initializers().plugins()));

    private static Regularizer omega(double alpha) {
        return REGISTRIES.regularizers().create("pascanu_omega", Map.of("alpha", alpha));
    }

    private static Model model(String activation, int layers, ReadAt readAt) {
        ModelSpec.Builder b = ModelSpec.builder(INPUT);
        for (int l = 0; l < layers; l++) {
            b.layer(LayerSpec.of("rnn", HIDDEN).withOption("activation", activation));
        }
        Model model = Model.uninitialized(b.output(2, Loss.MSE, readAt).build(),
                activation.equals("wave") ? WAVE : REGISTRIES);
        DiagnosticsChecks.randomize(model, 1, 0.8);
        return model;
    }

    private static Batch batch(ReadAt readAt, int[] lengths, long seed) {
        int targets = readAt == ReadAt.LAST ? 1 : STEPS;
        return Batch.regression(DiagnosticsChecks.inputs(seed, STEPS, BATCH, INPUT), lengths,
                DiagnosticsChecks.values(seed + 1, targets, BATCH, 2));
    }

    /** δ_t and f'(z_t) of one layer, t = 1..T, taken from one backward pass and then held fixed. */
    private record Frozen(double[][][] delta, double[][][] slope, int[] lengths) {

        static Frozen of(Bptt bptt, int l, Activation f) {
            var layer = bptt.layer(l);
            Map<String, Parameter> p = bptt.model().namedParameters();
            DMatrixRMaj wih = p.get("rnn.weight_ih_l" + l).value();
            DMatrixRMaj whh = p.get("rnn.weight_hh_l" + l).value();
            DMatrixRMaj bih = p.get("rnn.bias_ih_l" + l).value();
            DMatrixRMaj bhh = p.get("rnn.bias_hh_l" + l).value();
            boolean top = l == bptt.model().cells().size() - 1;
            double[][][] delta = new double[STEPS + 1][BATCH][HIDDEN];
            double[][][] slope = new double[STEPS + 1][BATCH][HIDDEN];
            int[] lengths = new int[BATCH];
            for (int b = 0; b < BATCH; b++) {
                lengths[b] = layer.length(b);
            }
            for (int t = 1; t <= STEPS; t++) {
                DMatrixRMaj out = top ? bptt.outputGradient(t - 1) : bptt.layer(l + 1).inputGradient(t - 1);
                DMatrixRMaj x = layer.input(t - 1);
                DMatrixRMaj h = layer.state(t - 1)[0];
                for (int b = 0; b < BATCH; b++) {
                    for (int i = 0; i < HIDDEN; i++) {
                        delta[t][b][i] = layer.stateGradient(t)[0].get(b, i) + out.get(b, i);
                        double z = bih.get(i, 0) + bhh.get(i, 0);
                        for (int j = 0; j < x.numCols; j++) {
                            z += wih.get(i, j) * x.get(b, j);
                        }
                        for (int j = 0; j < HIDDEN; j++) {
                            z += whh.get(i, j) * h.get(b, j);
                        }
                        slope[t][b][i] = f.derivative(z, layer.state(t)[0].get(b, i));
                    }
                }
            }
            return new Frozen(delta, slope, lengths);
        }

        /** Ω of this layer as a function of W_hh, by the formula, straight from its definition. */
        double omega(DMatrixRMaj w) {
            double sum = 0;
            for (int b = 0; b < BATCH; b++) {
                double sequence = 0;
                int counted = 0;
                for (int t = 1; t <= lengths[b]; t++) {
                    double d2 = 0;
                    double v2 = 0;
                    for (int i = 0; i < HIDDEN; i++) {
                        d2 += delta[t][b][i] * delta[t][b][i];
                    }
                    if (d2 < 1e-20) {
                        continue;
                    }
                    for (int j = 0; j < HIDDEN; j++) {
                        double v = 0;
                        for (int i = 0; i < HIDDEN; i++) {
                            v += delta[t][b][i] * slope[t][b][i] * w.get(i, j);
                        }
                        v2 += v * v;
                    }
                    sequence += (v2 / d2 - 1) * (v2 / d2 - 1);
                    counted++;
                }
                sum += counted == 0 ? 0 : sequence / counted;
            }
            return sum / BATCH;
        }
    }

    private static Activation activation(String name) {
        return name.equals("wave") ? new Wave() : REGISTRIES.activations().get(name);
    }

    @ParameterizedTest
    @CsvSource({"tanh, last, 1", "tanh, every, 2", "relu, every, 1", "sigmoid, last, 2", "wave, every, 2"})
    void valueAndGradientMatchTheFormulaAndItsCentralDifferences(String activation, String readAt, int layers) {
        ReadAt where = ReadAt.valueOf(readAt.toUpperCase());
        Model model = model(activation, layers, where);
        Batch batch = batch(where, new int[] {STEPS, 4, 2}, 5);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch);
        GradientFlow flow = Diagnostics.gradientFlow(bptt);
        List<Frozen> frozen = new ArrayList<>();
        double expected = 0;
        for (int l = 0; l < layers; l++) {
            Frozen fz = Frozen.of(bptt, l, activation(activation));
            frozen.add(fz);
            expected += fz.omega(model.namedParameters().get("rnn.weight_hh_l" + l).value());
            // The δ assembled here is the one the diagnostics measure.
            for (int t = 1; t <= STEPS; t++) {
                double n2 = 0;
                for (double[] row : fz.delta[t]) {
                    for (double d : row) {
                        n2 += d * d;
                    }
                }
                assertThat(Math.sqrt(n2)).isCloseTo(flow.layers().get(l).norm(t), org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        model.zeroGradients();
        double alpha = 3;
        double value = omega(alpha).addGradient(bptt, 1);
        assertThat(expected).isGreaterThan(1e-3);
        assertThat(value).isCloseTo(alpha * expected, org.assertj.core.data.Percentage.withPercentage(1e-10));

        for (Parameter p : model.parameters()) {
            String name = p.name();
            if (!name.startsWith("rnn.weight_hh")) {
                assertThat(p.gradient().data).as(name).containsOnly(0.0);
                continue;
            }
            Frozen fz = frozen.get(Integer.parseInt(name.substring(name.length() - 1)));
            DMatrixRMaj w = p.value().copy();
            double largest = 0;
            for (double g : p.gradient().data) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).isGreaterThan(1e-4);
            for (int i = 0; i < w.getNumElements(); i++) {
                double h = 1e-5;
                double keep = w.data[i];
                w.data[i] = keep + h;
                double up = fz.omega(w);
                w.data[i] = keep - h;
                double down = fz.omega(w);
                w.data[i] = keep;
                double difference = alpha * (up - down) / (2 * h);
                assertThat(Math.abs(p.gradient().data[i] - difference)).as("%s[%d]: %s vs %s", name, i,
                        p.gradient().data[i], difference).isLessThanOrEqualTo(1e-6 * largest);
            }
        }
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
    void isDiscoveredWithItsWeight() {
        Regularizer plugin = REGISTRIES.regularizers().get("pascanu_omega");
        assertThat(plugin.params().getDouble("alpha")).isEqualTo(1.0);
        List<String> problems = new ArrayList<>();
        assertThat(REGISTRIES.regularizers().create("pascanu_omega", Map.of("alpha", -1), "regularizers[0]", problems)).isEmpty();
        assertThat(problems).containsExactly("regularizers[0].alpha must be >= 0, found -1");
    }

    @Test
    void aShortTrainingRunWithOmegaStaysFinite() {
        Model model = Model.create(ModelSpec.builder(2).layer(LayerSpec.of("rnn", 8))
                .output(1, Loss.MSE, ReadAt.LAST).build(), 3);
        List<Double> values = new ArrayList<>();
        TrainingResult result = Trainer.builder(model, REGISTRIES.optimizers().create("sgd", Map.of("lr", 0.01)))
                .regularizers(List.of(omega(2)))
                .budget(Budget.updates(40))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        values.add(m.regularization());
                    }
                })
                .build()
                .train(AddingProblem.source(4, 20, 16));
        assertThat(result.status()).isEqualTo(Status.BUDGET);
        assertThat(result.finalLoss()).isFinite();
        assertThat(values).hasSize(40).allSatisfy(v -> assertThat(v).isFinite().isPositive());
        for (Parameter p : model.parameters()) {
            for (double d : p.value().data) {
                assertThat(d).isFinite();
            }
        }
    }
}
