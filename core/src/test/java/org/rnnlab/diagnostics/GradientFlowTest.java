package org.rnnlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.diagnostics.DiagnosticsChecks.inputs;
import static org.rnnlab.diagnostics.DiagnosticsChecks.values;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.kernels.Norms;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.FiniteDifferences;

/**
 * The gradient flow against the whole gradient of every state, by central differences in a
 * perturbation added to that state (so through the recurrence and the output alike), on two
 * stacked layers of core's two-state toy cell.
 */
class GradientFlowTest {
    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final int INPUT = 2;

    private final PerturbedCellType type = new PerturbedCellType(new ToyCellType(), STEPS);

    private Model model(int outputs, Loss loss, ReadAt readAt) {
        Registries registries = Registries.of(Map.of(PluginKind.CELL, List.of(type)));
        Model model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("perturbed", 3))
                .layer(LayerSpec.of("perturbed", 4)).output(outputs, loss, readAt).build(), registries);
        DiagnosticsChecks.randomize(model, 1, 1.6);
        return model;
    }

    /** Zero initial states given explicitly, so that their gradient can be taken by differences too. */
    private static DMatrixRMaj[][] zeroStates(Model model) {
        DMatrixRMaj[][] states = new DMatrixRMaj[model.cells().size()][];
        for (int k = 0; k < states.length; k++) {
            var cell = model.cells().get(k);
            states[k] = new DMatrixRMaj[cell.stateNames().size()];
            for (int i = 0; i < states[k].length; i++) {
                states[k][i] = new DMatrixRMaj(BATCH, cell.stateSize(i));
            }
        }
        return states;
    }

    private void checkAgainstDifferences(Model model, Batch batch, int[] lengths) {
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch);
        GradientFlow flow = Diagnostics.gradientFlow(bptt);
        assertThat(flow.steps()).isEqualTo(STEPS);
        assertThat(flow.layers()).hasSize(2);
        for (int layer = 0; layer < 2; layer++) {
            GradientFlow.Layer measured = flow.layers().get(layer);
            assertThat(measured.layer()).isEqualTo(layer);
            assertThat(measured.outputIsState()).isTrue();
            assertThat(measured.otherStates().keySet()).containsExactly("c");
            for (int t = 0; t <= STEPS; t++) {
                for (int state = 0; state < 2; state++) {
                    DMatrixRMaj g = t == 0 ? initialStateGradient(model, batch, layer, state)
                            : DiagnosticsChecks.wholeGradientByDifferences(model, type, batch, layer, state, t);
                    double expected = Norms.of(g);
                    double found = state == 0 ? measured.norm(t) : measured.otherState("c")[t];
                    assertThat(FiniteDifferences.relativeError(found, expected))
                            .as("layer %d, ||dL/d%s_%d||: measured %s, by differences %s", layer, state == 0 ? "h" : "c", t,
                                    found, expected)
                            .isLessThan(1e-7);
                    if (state == 0) {
                        double sum = 0;
                        int count = 0;
                        for (int b = 0; b < BATCH; b++) {
                            if (t <= lengths[b]) {
                                sum += DiagnosticsChecks.rowNorm(g, b);
                                count++;
                            }
                        }
                        assertThat(measured.meanSequenceNorms()[t]).as("layer %d, mean over sequences at t = %d", layer, t)
                                .isCloseTo(sum / count, Offset.offset(1e-8));
                    }
                }
            }
        }
    }

    private static DMatrixRMaj initialStateGradient(Model model, Batch batch, int layer, int state) {
        DMatrixRMaj h0 = batch.initialStates()[layer][state];
        DMatrixRMaj g = new DMatrixRMaj(h0.numRows, h0.numCols);
        for (int i = 0; i < g.getNumElements(); i++) {
            g.data[i] = FiniteDifferences.derivative(h0, i, () -> new Bptt(model).loss(batch));
        }
        return g;
    }

    @Test
    void everyStepsLossWithMixedLengths() {
        Model model = model(2, Loss.MSE, ReadAt.EVERY);
        int[] lengths = {5, 3, 2};
        Batch batch = Batch.regression(inputs(2, STEPS, BATCH, INPUT), lengths, values(3, STEPS, BATCH, 2))
                .withInitialStates(zeroStates(model));
        checkAgainstDifferences(model, batch, lengths);
    }

    @Test
    void lastStepsLossWithMixedLengths() {
        Model model = model(3, Loss.CROSS_ENTROPY, ReadAt.LAST);
        int[] lengths = {4, 5, 2};
        Batch batch = Batch.classification(inputs(4, STEPS, BATCH, INPUT), lengths, new int[][] {{2, 0, 1}})
                .withInitialStates(zeroStates(model));
        checkAgainstDifferences(model, batch, lengths);
    }

    @Test
    void theBpttIsLeftAsItWas() {
        Model model = model(2, Loss.MSE, ReadAt.EVERY);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(Batch.regression(inputs(5, STEPS, BATCH, INPUT), null, values(6, STEPS, BATCH, 2)));
        List<double[]> before = DiagnosticsChecks.gradients(model);
        double[] h3 = bptt.layer(0).stateGradient(3)[0].data.clone();
        Diagnostics.gradientFlow(bptt);
        assertThat(DiagnosticsChecks.gradients(model)).containsExactlyElementsOf(before);
        assertThat(bptt.layer(0).stateGradient(3)[0].data).containsExactly(h3);
    }

    @Test
    void aBpttThatHasRunNothingIsRefused() {
        assertThatThrownBy(() -> Diagnostics.gradientFlow(new Bptt(model(1, Loss.MSE, ReadAt.LAST))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The gradient flow needs a Bptt after a backward pass; this one has run no pass");
    }

    @Test
    void aStateTheCellDoesNotHaveIsNamedWithTheOnesItHas() {
        Model model = model(1, Loss.MSE, ReadAt.LAST);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(Batch.regression(inputs(5, STEPS, BATCH, INPUT), null, values(6, 1, BATCH, 1)));
        assertThatThrownBy(() -> Diagnostics.gradientFlow(bptt).layers().get(1).otherState("n"))
                .hasMessage("Layer 1 has no further state 'n'; it has [c]");
    }
}
