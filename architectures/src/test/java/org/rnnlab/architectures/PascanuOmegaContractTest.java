package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.diagnostics.GradientFlow;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.testkit.ModelFixtures;
import org.rnnlab.testkit.RegularizerContractTest;

/**
 * Pascanu, Mikolov, Bengio 2013's Ω under the regularizer contract, its frozen penalty evaluated by
 * hand from δ_t and f'(z_t) held fixed: two stacked rnn layers read at every step, the lower one with
 * an activation whose derivative needs z itself (so Ω must recompute z as the cell did), the upper
 * one tanh, and α = 3.
 */
class PascanuOmegaContractTest extends RegularizerContractTest {
    private static final double ALPHA = 3;
    private static final int HIDDEN = 4;

    /** The layers' activations, bottom first. */
    protected List<String> activations() {
        return List.of("wave", "tanh");
    }

    /** Where the loss reads the output. */
    protected ReadAt readAt() {
        return ReadAt.EVERY;
    }

    /** f(x) = x + sin(x) / 2, whose derivative needs x itself: every shipped activation's follows from y. */
    private static final class Wave extends AbstractPlugin<Activation> implements Activation {
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

    private static final Registries WITH_WAVE;

    static {
        List<Activation> activations = new ArrayList<>(Registries.standard().activations().plugins());
        activations.add(new Wave());
        WITH_WAVE = Registries.of(Map.of(
                PluginKind.CELL, List.of(new RnnCellType()),
                PluginKind.ACTIVATION, activations,
                PluginKind.INITIALIZER, Registries.standard().initializers().plugins()));
    }

    @Override
    protected Regularizer createRegularizer() {
        return Registries.standard().regularizers().create("pascanu_omega", Map.of("alpha", ALPHA));
    }

    @Override
    protected Registries registries() {
        return WITH_WAVE;
    }

    @Override
    protected ModelSpec modelSpec() {
        ModelSpec.Builder b = ModelSpec.builder(ModelFixtures.INPUT);
        for (String activation : activations()) {
            b.layer(LayerSpec.of("rnn", HIDDEN).withOption("activation", activation));
        }
        return b.output(2, Loss.MSE, readAt()).build();
    }

    /** α Σ_layers Ω_l, each layer's Ω a function of its weight_hh with its own δ and f'(z) frozen. */
    @Override
    protected DoubleSupplier frozenPenalty(Bptt bptt) {
        List<Frozen> layers = new ArrayList<>();
        List<DMatrixRMaj> recurrent = new ArrayList<>();
        for (int l = 0; l < activations().size(); l++) {
            layers.add(Frozen.of(bptt, l, WITH_WAVE.activations().get(activations().get(l))));
            recurrent.add(bptt.model().namedParameters().get("rnn.weight_hh_l" + l).value());
        }
        return () -> {
            double omega = 0;
            for (int l = 0; l < layers.size(); l++) {
                omega += layers.get(l).omega(recurrent.get(l));
            }
            return ALPHA * omega;
        };
    }

    /** The δ_t the frozen penalty assembles is the dL/dh_t whose norm the gradient-flow diagnostics measure. */
    @Test
    void frozenDeltaIsTheGradientTheDiagnosticsMeasure() {
        Model model = model();
        for (Batch batch : batches()) {
            Bptt bptt = new Bptt(model);
            model.zeroGradients();
            bptt.lossAndGradients(batch);
            GradientFlow flow = Diagnostics.gradientFlow(bptt);
            for (int l = 0; l < activations().size(); l++) {
                Frozen frozen = Frozen.of(bptt, l, WITH_WAVE.activations().get(activations().get(l)));
                for (int t = 1; t < frozen.delta().length; t++) {
                    double squared = 0;
                    for (double[] row : frozen.delta()[t]) {
                        for (double d : row) {
                            squared += d * d;
                        }
                    }
                    assertThat(Math.sqrt(squared)).as("||δ_%d|| of layer %d", t, l)
                            .isCloseTo(flow.layers().get(l).norm(t), within(1e-12));
                }
            }
        }
    }

    /** δ_t and f'(z_t) of one layer, t = 1..T, taken from one backward pass and then held fixed. */
    private record Frozen(double[][][] delta, double[][][] slope, int[] lengths) {

        static Frozen of(Bptt bptt, int l, Activation f) {
            RecurrentLayer layer = bptt.layer(l);
            Map<String, Parameter> p = bptt.model().namedParameters();
            DMatrixRMaj wih = p.get("rnn.weight_ih_l" + l).value();
            DMatrixRMaj whh = p.get("rnn.weight_hh_l" + l).value();
            DMatrixRMaj bih = p.get("rnn.bias_ih_l" + l).value();
            DMatrixRMaj bhh = p.get("rnn.bias_hh_l" + l).value();
            boolean top = l == bptt.model().cells().size() - 1;
            int steps = layer.steps();
            int batch = layer.batch();
            int hidden = whh.numRows;
            double[][][] delta = new double[steps + 1][batch][hidden];
            double[][][] slope = new double[steps + 1][batch][hidden];
            int[] lengths = new int[batch];
            for (int b = 0; b < batch; b++) {
                lengths[b] = layer.length(b);
            }
            for (int t = 1; t <= steps; t++) {
                // δ_t: through the recurrence plus through output t-1, which is h_t itself.
                DMatrixRMaj out = top ? bptt.outputGradient(t - 1) : bptt.layer(l + 1).inputGradient(t - 1);
                DMatrixRMaj x = layer.input(t - 1);
                DMatrixRMaj h = layer.state(t - 1)[0];
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < hidden; i++) {
                        delta[t][b][i] = layer.stateGradient(t)[0].get(b, i) + out.get(b, i);
                        double z = bih.get(i, 0) + bhh.get(i, 0);
                        for (int j = 0; j < x.numCols; j++) {
                            z += wih.get(i, j) * x.get(b, j);
                        }
                        for (int j = 0; j < hidden; j++) {
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
            int batch = lengths.length;
            int hidden = w.numRows;
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                double sequence = 0;
                int counted = 0;
                for (int t = 1; t <= lengths[b]; t++) {
                    double d2 = 0;
                    double v2 = 0;
                    for (int i = 0; i < hidden; i++) {
                        d2 += delta[t][b][i] * delta[t][b][i];
                    }
                    if (d2 < PascanuOmega.MIN_DELTA_SQUARED) {
                        continue;
                    }
                    for (int j = 0; j < hidden; j++) {
                        double v = 0;
                        for (int i = 0; i < hidden; i++) {
                            v += delta[t][b][i] * slope[t][b][i] * w.get(i, j);
                        }
                        v2 += v * v;
                    }
                    sequence += (v2 / d2 - 1) * (v2 / d2 - 1);
                    counted++;
                }
                sum += counted == 0 ? 0 : sequence / counted;
            }
            return sum / batch;
        }
    }
}
