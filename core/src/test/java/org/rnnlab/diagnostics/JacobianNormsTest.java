package org.rnnlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.diagnostics.DiagnosticsChecks.inputs;
import static org.rnnlab.diagnostics.DiagnosticsChecks.values;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
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
import org.rnnlab.spi.Cell;

/**
 * Jacobian norms on core's two-state toy cell: the exact ones against dh_T/dh_k by central
 * differences (c_k held fixed), the estimator's mean and variance against what its documentation
 * says, and everything a measurement must leave as it was.
 */
class JacobianNormsTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));
    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final int INPUT = 2;
    private static final int[] LENGTHS = {5, 3, 2};

    private static Bptt forward(int... widths) {
        ModelSpec.Builder spec = ModelSpec.builder(INPUT);
        for (int w : widths) {
            spec.layer(LayerSpec.of("toy", w));
        }
        Model model = Model.uninitialized(spec.output(2, Loss.MSE, ReadAt.EVERY).build(), TOY);
        DiagnosticsChecks.randomize(model, 1, 1.6);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(Batch.regression(inputs(2, STEPS, BATCH, INPUT), LENGTHS, values(3, STEPS, BATCH, 2))
                .withInitialStates(initialStates(model)));
        return bptt;
    }

    /** Initial states that are not zero, so that a measurement starting from zeros is caught. */
    private static DMatrixRMaj[][] initialStates(Model model) {
        var random = new RandomStreams(8).stream("initial");
        DMatrixRMaj[][] states = new DMatrixRMaj[model.cells().size()][];
        for (int k = 0; k < states.length; k++) {
            Cell cell = model.cells().get(k);
            states[k] = new DMatrixRMaj[cell.stateNames().size()];
            for (int i = 0; i < states[k].length; i++) {
                states[k][i] = new DMatrixRMaj(BATCH, cell.stateSize(i));
                for (int e = 0; e < states[k][i].data.length; e++) {
                    states[k][i].data[e] = random.nextDouble() - 0.5;
                }
            }
        }
        return states;
    }

    private static void assertRelative(String what, double found, double expected, double tolerance) {
        assertThat(Math.abs(found - expected) / Math.abs(expected)).as("%s: found %s, expected %s", what, found, expected)
                .isLessThan(tolerance);
    }

    @Test
    void exactNormsAreThoseOfTheJacobianByDifferences() {
        Bptt bptt = forward(3, 4);
        for (int[] layerAndRow : new int[][] {{0, 1}, {1, 0}, {1, 2}}) {
            int layer = layerAndRow[0];
            int row = layerAndRow[1];
            JacobianNorms norms = Diagnostics.exactJacobianNorms(bptt, layer, row);
            int steps = LENGTHS[row];
            assertThat(norms.steps()).isEqualTo(steps);
            assertThat(norms.exact()).isTrue();
            assertThat(norms.probes()).isEqualTo(norms.hiddenSize()).isEqualTo(3 + layer);
            assertThat(norms.spectral()).hasSize(steps + 1);
            assertThat(norms.frobenius()).hasSize(steps + 1);
            for (int lag = 0; lag <= steps; lag++) {
                DMatrixRMaj j = DiagnosticsChecks.jacobianByDifferences(bptt.layer(layer), row, steps - lag);
                String where = "layer " + layer + ", row " + row + ", lag " + lag;
                assertRelative(where + ", spectral", norms.spectral(lag), NormOps_DDRM.normP2(j), 1e-8);
                assertRelative(where + ", Frobenius", norms.frobenius(lag), NormOps_DDRM.normF(j), 1e-8);
            }
        }
    }

    @Test
    void lagZeroIsTheIdentity() {
        JacobianNorms norms = Diagnostics.exactJacobianNorms(forward(3, 4), 1, 0);
        assertThat(norms.spectral(0)).isEqualTo(1.0);
        assertThat(norms.frobenius(0)).isEqualTo(2.0);
    }

    @Test
    void gradientsAndTheBpttAreLeftAsTheyWere() {
        Bptt bptt = forward(3, 4);
        DiagnosticsChecks.scribbleOnGradients(bptt.model(), 7);
        List<double[]> gradients = DiagnosticsChecks.gradients(bptt.model());
        List<double[]> buffers = DiagnosticsChecks.buffers(bptt);
        Diagnostics.exactJacobianNorms(bptt, 1, 0);
        Diagnostics.estimatedJacobianNorms(bptt, 0, 2, 2, new RandomStreams(1).stream("probes"));
        assertThat(DiagnosticsChecks.gradients(bptt.model())).as("parameter gradients, bit for bit")
                .containsExactlyElementsOf(gradients);
        assertThat(DiagnosticsChecks.buffers(bptt)).as("the Bptt's states, outputs and gradients").containsExactlyElementsOf(buffers);
    }

    @Test
    void asManyProbesAsUnitsGiveTheExactNorms() {
        Bptt bptt = forward(6);
        JacobianNorms exact = Diagnostics.exactJacobianNorms(bptt, 0, 0);
        JacobianNorms probed = Diagnostics.estimatedJacobianNorms(bptt, 0, 0, 6, new RandomStreams(2).stream("probes"));
        assertThat(probed.exact()).isTrue();
        for (int lag = 0; lag <= STEPS; lag++) {
            assertRelative("spectral at lag " + lag, probed.spectral(lag), exact.spectral(lag), 1e-12);
            assertRelative("Frobenius at lag " + lag, probed.frobenius(lag), exact.frobenius(lag), 1e-12);
        }
    }

    /**
     * Over 4000 draws of r = 2 directions in H = 8, the squared Frobenius estimate averages to
     * ||J||_F² within four standard errors, its variance is the documented one within 15%, and the
     * spectral entry never exceeds ||J||_2.
     */
    @Test
    void theEstimatorIsUnbiasedInItsSquareWithTheDocumentedVariance() {
        Bptt bptt = forward(8);
        int lag = 3;
        DMatrixRMaj j = DiagnosticsChecks.jacobianByDifferences(bptt.layer(0), 0, STEPS - lag);
        DMatrixRMaj a = new DMatrixRMaj(8, 8);
        CommonOps_DDRM.multTransB(j, j, a);
        double trA = CommonOps_DDRM.trace(a);
        double trA2 = NormOps_DDRM.normF(a) * NormOps_DDRM.normF(a);
        int h = 8;
        int r = 2;
        double kappa = trA2 / (trA * trA);
        double relativeVariance = 2.0 * h * (h - r) * (kappa - 1.0 / h) / (r * (h - 1.0) * (h + 2.0));
        double spectral = NormOps_DDRM.normP2(j);

        int draws = 4000;
        var random = new RandomStreams(3).stream("probes");
        double sum = 0;
        double sumSquares = 0;
        for (int n = 0; n < draws; n++) {
            JacobianNorms estimate = Diagnostics.estimatedJacobianNorms(bptt, 0, 0, r, random);
            assertThat(estimate.exact()).isFalse();
            assertThat(estimate.spectral(lag)).isLessThanOrEqualTo(spectral * (1 + 1e-7));
            double f2 = estimate.frobenius(lag) * estimate.frobenius(lag) / trA;
            sum += f2;
            sumSquares += f2 * f2;
        }
        double mean = sum / draws;
        double variance = sumSquares / draws - mean * mean;
        assertThat(relativeVariance).as("a Jacobian far enough from orthogonal for the test to mean something")
                .isGreaterThan(0.05);
        assertThat(Math.abs(mean - 1)).as("mean of ||VJ||²·H/r / ||J||²").isLessThan(4 * Math.sqrt(relativeVariance / draws));
        assertThat(variance / relativeVariance).as("empirical over documented relative variance").isBetween(0.85, 1.15);
    }

    @Test
    void theFacadeIsExactUpToSixtyFourUnitsAndEstimatesAbove() {
        assertThat(Diagnostics.jacobianNorms(forward(64), 0, 0, new RandomStreams(4).stream("p")).exact()).isTrue();
        JacobianNorms wide = Diagnostics.jacobianNorms(forward(65), 0, 0, new RandomStreams(4).stream("p"));
        assertThat(wide.exact()).isFalse();
        assertThat(wide.probes()).isEqualTo(Diagnostics.DEFAULT_PROBES);
        assertThat(wide.hiddenSize()).isEqualTo(65);
    }

    @Test
    void badArgumentsAreRefusedWithTheirRanges() {
        Bptt bptt = forward(3, 4);
        var random = new RandomStreams(5).stream("p");
        assertThatThrownBy(() -> Diagnostics.jacobianNorms(bptt, 2, 0, random)).hasMessage("layer must be in [0, 2), found 2");
        assertThatThrownBy(() -> Diagnostics.exactJacobianNorms(bptt, 0, 3)).hasMessage("row must be in [0, 3), found 3");
        assertThatThrownBy(() -> Diagnostics.estimatedJacobianNorms(bptt, 0, 0, 4, random))
                .hasMessage("probes must be in [1, 3], found 4");
        assertThatThrownBy(() -> Diagnostics.exactJacobianNorms(new Bptt(bptt.model()), 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Jacobian norms need a Bptt after a forward pass; this one has run no pass");
    }
}
