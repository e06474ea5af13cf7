package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.diagnostics.DiagnosticsChecks;
import org.rnnlab.diagnostics.GradientFlow;
import org.rnnlab.diagnostics.JacobianNorms;
import org.rnnlab.diagnostics.PerturbedCellType;
import org.rnnlab.diagnostics.RecurrentSpectra;
import org.rnnlab.kernels.Norms;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.PluginRef;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.FiniteDifferences;

/**
 * The diagnostics on cells with more than one state, with an output that is not the state, and
 * with gated or vector recurrent weights: LSTM and +RNN gradient flow against central differences
 * of a perturbation of each state, the LSTM's Jacobian norms against dh_T/dh_k by differences with
 * c_k held fixed, and the spectra of gate blocks and of IndRNN's u.
 */
class DiagnosticsCellsTest {
    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final int INPUT = 2;
    private static final int[] LENGTHS = {5, 3, 4};

    private static void assertRelative(String what, double found, double expected, double tolerance) {
        assertThat(FiniteDifferences.relativeError(found, expected)).as("%s: found %s, expected %s", what, found, expected)
                .isLessThan(tolerance);
    }

    /** Two layers of {@code cell}, wrapped so that every state can be perturbed after every step. */
    private static void checkFlowAgainstDifferences(CellType cell, boolean outputIsState, List<String> otherStates) {
        PerturbedCellType type = new PerturbedCellType(cell, STEPS);
        Model model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("perturbed", 3))
                .layer(LayerSpec.of("perturbed", 3)).output(2, Loss.MSE, ReadAt.EVERY).build(),
                Registries.of(Map.of(PluginKind.CELL, List.of(type))));
        DiagnosticsChecks.randomize(model, 1, 1.6);
        Batch batch = Batch.regression(DiagnosticsChecks.inputs(2, STEPS, BATCH, INPUT), LENGTHS,
                DiagnosticsChecks.values(3, STEPS, BATCH, 2));
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch);
        GradientFlow flow = Diagnostics.gradientFlow(bptt);
        for (int l = 0; l < 2; l++) {
            GradientFlow.Layer layer = flow.layers().get(l);
            assertThat(layer.outputIsState()).isEqualTo(outputIsState);
            assertThat(layer.otherStates().keySet()).containsExactlyElementsOf(otherStates);
            for (int t = 1; t <= STEPS; t++) {
                DMatrixRMaj h = DiagnosticsChecks.wholeGradientByDifferences(model, type, batch, l, 0, t);
                assertRelative("layer " + l + ", ||dL/dh_" + t + "||", layer.norm(t), Norms.of(h), 1e-7);
                for (int i = 0; i < otherStates.size(); i++) {
                    DMatrixRMaj other = DiagnosticsChecks.wholeGradientByDifferences(model, type, batch, l, i + 1, t);
                    assertRelative("layer " + l + ", ||dL/d" + otherStates.get(i) + "_" + t + "||",
                            layer.otherState(otherStates.get(i))[t], Norms.of(other), 1e-7);
                }
            }
        }
    }

    @Test
    void lstmGradientFlowOfHAndC() {
        checkFlowAgainstDifferences(new LstmCellType(), true, List.of("c"));
    }

    /** +RNN's output is y, not h: h's whole gradient is what comes back through the recurrence alone. */
    @Test
    void plusRnnGradientFlowWithAnOutputThatIsNotTheState() {
        checkFlowAgainstDifferences(Registries.standard().cells().create("plus_rnn", Map.of("outputActivation", "tanh")),
                false, List.of());
    }

    @Test
    void lstmJacobianIsDhTByDhKWithCkHeldFixed() {
        Model model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("lstm", 4)).layer(LayerSpec.of("lstm", 3))
                .output(1, Loss.MSE, ReadAt.LAST).build(), Registries.standard());
        DiagnosticsChecks.randomize(model, 4, 2.0);
        Bptt bptt = new Bptt(model);
        bptt.forward(Batch.inputsOnly(DiagnosticsChecks.inputs(5, STEPS, BATCH, INPUT), LENGTHS));
        for (int[] layerAndRow : new int[][] {{0, 1}, {1, 0}}) {
            int l = layerAndRow[0];
            int row = layerAndRow[1];
            JacobianNorms norms = Diagnostics.exactJacobianNorms(bptt, l, row);
            for (int lag = 0; lag <= LENGTHS[row]; lag++) {
                DMatrixRMaj j = DiagnosticsChecks.jacobianByDifferences(bptt.layer(l), row, LENGTHS[row] - lag);
                assertRelative("layer " + l + ", lag " + lag + ", spectral", norms.spectral(lag), NormOps_DDRM.normP2(j), 1e-8);
                assertRelative("layer " + l + ", lag " + lag + ", Frobenius", norms.frobenius(lag), NormOps_DDRM.normF(j), 1e-8);
            }
        }
    }

    @Test
    void eachGateBlockOfAnLstmOnItsOwn() {
        Model model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("lstm", 3)).output(1, Loss.MSE, ReadAt.LAST)
                .build(), Registries.standard());
        DiagnosticsChecks.randomize(model, 6, 2.0);
        DMatrixRMaj w = model.namedParameters().get("rnn.weight_hh_l0").value();
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                w.set(3 + i, j, i == j ? 0.25 * (i + 1) : 0); // forget block diag(0.25, 0.5, 0.75)
            }
        }
        RecurrentSpectra spectra = Diagnostics.recurrentSpectra(model);
        List<String> gates = List.of("input", "forget", "cell", "output");
        assertThat(spectra.blocks()).extracting(RecurrentSpectra.Block::name)
                .containsExactlyElementsOf(gates.stream().map(g -> "rnn.weight_hh_l0[" + g + "]").toList());
        assertRelative("forget radius", spectra.block("rnn.weight_hh_l0[forget]").spectralRadius(), 0.75, 1e-14);
        assertRelative("forget norm", spectra.block("rnn.weight_hh_l0[forget]").largestSingularValue(), 0.75, 1e-14);
        for (int g = 0; g < 4; g++) {
            DMatrixRMaj block = new DMatrixRMaj(3, 3);
            System.arraycopy(w.data, g * 9, block.data, 0, 9);
            RecurrentSpectra.Block measured = spectra.blocks().get(g);
            assertThat(measured.rows()).isEqualTo(3);
            assertThat(measured.cols()).isEqualTo(3);
            assertRelative(gates.get(g) + " norm", measured.largestSingularValue(), NormOps_DDRM.normP2(block), 1e-12);
        }
    }

    @Test
    void indRnnsRecurrentVectorGivesItsLargestMagnitudeAsBoth() {
        Model model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("indrnn", 4)).layer(LayerSpec.of("indrnn", 2))
                .output(1, Loss.MSE, ReadAt.LAST).build(), Registries.standard());
        model.namedParameters().get("rnn.weight_hh_l0").value().setTo(new DMatrixRMaj(new double[] {0.5, -1.25, 1.0, 0.0}));
        RecurrentSpectra.Block u = Diagnostics.recurrentSpectra(model).block("rnn.weight_hh_l0");
        assertThat(u.vector()).isTrue();
        assertThat(u.rows()).isEqualTo(4);
        assertThat(u.cols()).isEqualTo(1);
        assertThat(u.spectralRadius()).isEqualTo(1.25);
        assertThat(u.largestSingularValue()).isEqualTo(1.25);
        assertThat(Diagnostics.recurrentSpectra(model).block("rnn.weight_hh_l1").layer()).isEqualTo(1);
    }

    @Test
    void anOrthogonalInitializationWithGainRho() {
        Model model = Model.create(ModelSpec.builder(INPUT)
                .layer(LayerSpec.of("rnn", 16).withInit("recurrent", PluginRef.of("orthogonal", Map.of("gain", 1.1))))
                .layer(LayerSpec.of("gru", 8).withInit("recurrent", PluginRef.of("orthogonal", Map.of("gain", 0.9))))
                .output(1, Loss.MSE, ReadAt.LAST).build(), 42);
        RecurrentSpectra spectra = Diagnostics.recurrentSpectra(model);
        assertRelative("radius", spectra.block("rnn.weight_hh_l0").spectralRadius(), 1.1, 1e-12);
        assertRelative("norm", spectra.block("rnn.weight_hh_l0").largestSingularValue(), 1.1, 1e-12);
        assertThat(spectra.blocks()).extracting(RecurrentSpectra.Block::name).containsExactly("rnn.weight_hh_l0",
                "rnn.weight_hh_l1[reset]", "rnn.weight_hh_l1[update]", "rnn.weight_hh_l1[new]");
        for (RecurrentSpectra.Block gate : spectra.blocks().subList(1, 4)) {
            assertRelative(gate.name() + " norm", gate.largestSingularValue(), 0.9, 1e-12);
            assertRelative(gate.name() + " radius", gate.spectralRadius(), 0.9, 1e-12);
        }
    }
}
