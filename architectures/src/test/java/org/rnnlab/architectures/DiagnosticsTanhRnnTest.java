package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.diagnostics.DiagnosticsChecks;
import org.rnnlab.diagnostics.GradientFlow;
import org.rnnlab.diagnostics.JacobianNorms;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;

/**
 * Two stacked tanh Elman layers, the loss at every step, sequences of mixed lengths: the gradient
 * flow against backpropagation through time written out here from the layers' states and the
 * weights, and the Jacobian norms against explicit products diag(1 - h_t²) W_hh.
 */
class DiagnosticsTanhRnnTest {
    private static final int STEPS = 7;
    private static final int BATCH = 3;
    private static final int INPUT = 2;
    private static final int OUTPUTS = 2;
    private static final int[] WIDTHS = {4, 3};
    private static final int[] LENGTHS = {7, 4, 2};

    private final Model model;
    private final Batch batch;
    private final Bptt bptt;

    DiagnosticsTanhRnnTest() {
        model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("rnn", WIDTHS[0]))
                .layer(LayerSpec.of("rnn", WIDTHS[1])).output(OUTPUTS, Loss.MSE, ReadAt.EVERY).build(), Registries.standard());
        DiagnosticsChecks.randomize(model, 1, 2.0);
        batch = Batch.regression(DiagnosticsChecks.inputs(2, STEPS, BATCH, INPUT), LENGTHS,
                DiagnosticsChecks.values(3, STEPS, BATCH, OUTPUTS));
        bptt = new Bptt(model);
        bptt.lossAndGradients(batch);
    }

    private DMatrixRMaj parameter(String name) {
        return model.namedParameters().get(name).value();
    }

    /**
     * whole[l][t] = dL/dh_t of layer l, [batch x H], by the chain rule: the output's gradient (the
     * readout's at the top, the input gradient of the layer above below it) plus what step t+1 sends
     * back, (whole_{t+1} * (1 - h_{t+1}²)) W_hh; a step past a sequence's end passes it through.
     */
    private DMatrixRMaj[][] wholeGradientsByHand() {
        int scored = 0;
        for (int length : LENGTHS) {
            scored += length * OUTPUTS;
        }
        DMatrixRMaj wOut = parameter("readout.weight");
        DMatrixRMaj[] outputGradients = new DMatrixRMaj[STEPS];
        for (int s = 0; s < STEPS; s++) {
            DMatrixRMaj dy = new DMatrixRMaj(BATCH, OUTPUTS);
            for (int b = 0; b < BATCH; b++) {
                if (s >= LENGTHS[b]) {
                    continue;
                }
                for (int o = 0; o < OUTPUTS; o++) {
                    double y = parameter("readout.bias").get(o, 0);
                    for (int j = 0; j < WIDTHS[1]; j++) {
                        y += wOut.get(o, j) * bptt.layer(1).state(s + 1)[0].get(b, j);
                    }
                    dy.set(b, o, 2 * (y - batch.targets()[s].get(b, o)) / scored);
                }
            }
            outputGradients[s] = new DMatrixRMaj(BATCH, WIDTHS[1]);
            CommonOps_DDRM.mult(dy, wOut, outputGradients[s]);
        }
        DMatrixRMaj[][] whole = new DMatrixRMaj[2][STEPS + 1];
        for (int l = 1; l >= 0; l--) {
            int width = WIDTHS[l];
            DMatrixRMaj wHh = parameter("rnn.weight_hh_l" + l);
            DMatrixRMaj wIh = parameter("rnn.weight_ih_l" + l);
            DMatrixRMaj[] belowGradients = new DMatrixRMaj[STEPS];
            DMatrixRMaj carried = new DMatrixRMaj(BATCH, width);
            for (int t = STEPS; t >= 0; t--) {
                whole[l][t] = carried.copy();
                if (t == 0) {
                    break;
                }
                CommonOps_DDRM.addEquals(whole[l][t], outputGradients[t - 1]);
                // Back through step t-1 (0-based), which made h_t from h_{t-1}.
                DMatrixRMaj h = bptt.layer(l).state(t)[0];
                belowGradients[t - 1] = new DMatrixRMaj(BATCH, wIh.numCols);
                for (int b = 0; b < BATCH; b++) {
                    if (t - 1 >= LENGTHS[b]) {
                        continue; // carried passes through; the output there is zero and scores nothing
                    }
                    double[] dz = new double[width];
                    for (int i = 0; i < width; i++) {
                        dz[i] = whole[l][t].get(b, i) * (1 - h.get(b, i) * h.get(b, i));
                    }
                    for (int j = 0; j < width; j++) {
                        double sum = 0;
                        for (int i = 0; i < width; i++) {
                            sum += dz[i] * wHh.get(i, j);
                        }
                        carried.set(b, j, sum);
                    }
                    for (int j = 0; j < wIh.numCols; j++) {
                        double sum = 0;
                        for (int i = 0; i < width; i++) {
                            sum += dz[i] * wIh.get(i, j);
                        }
                        belowGradients[t - 1].set(b, j, sum);
                    }
                }
            }
            outputGradients = belowGradients;
        }
        return whole;
    }

    @Test
    void gradientFlowIsBackpropagationThroughTimeByHand() {
        DMatrixRMaj[][] whole = wholeGradientsByHand();
        GradientFlow flow = Diagnostics.gradientFlow(bptt);
        for (int l = 0; l < 2; l++) {
            GradientFlow.Layer layer = flow.layers().get(l);
            assertThat(layer.otherStates()).isEmpty();
            for (int t = 0; t <= STEPS; t++) {
                double expected = NormOps_DDRM.normF(whole[l][t]);
                assertThat(Math.abs(layer.norm(t) - expected)).as("layer %d, ||dL/dh_%d||", l, t)
                        .isLessThanOrEqualTo(1e-12 * expected);
                double sum = 0;
                int count = 0;
                for (int b = 0; b < BATCH; b++) {
                    if (t <= LENGTHS[b]) {
                        sum += DiagnosticsChecks.rowNorm(whole[l][t], b);
                        count++;
                    }
                }
                assertThat(Math.abs(layer.meanSequenceNorms()[t] - sum / count)).as("layer %d, mean at %d", l, t)
                        .isLessThanOrEqualTo(1e-12 * sum / count);
            }
        }
    }

    @Test
    void jacobianNormsAreThoseOfTheExplicitProducts() {
        for (int[] layerAndRow : new int[][] {{0, 0}, {1, 1}, {1, 2}}) {
            int l = layerAndRow[0];
            int row = layerAndRow[1];
            RecurrentLayer layer = bptt.layer(l);
            DMatrixRMaj wHh = parameter("rnn.weight_hh_l" + l);
            JacobianNorms norms = Diagnostics.exactJacobianNorms(bptt, l, row);
            int steps = LENGTHS[row];
            assertThat(norms.steps()).isEqualTo(steps);
            DMatrixRMaj product = CommonOps_DDRM.identity(WIDTHS[l]);
            for (int lag = 0; lag <= steps; lag++) {
                String where = "layer " + l + ", row " + row + ", lag " + lag;
                assertThat(Math.abs(norms.spectral(lag) - NormOps_DDRM.normP2(product)))
                        .as(where + ", spectral").isLessThanOrEqualTo(1e-10 * NormOps_DDRM.normP2(product));
                assertThat(Math.abs(norms.frobenius(lag) - NormOps_DDRM.normF(product)))
                        .as(where + ", Frobenius").isLessThanOrEqualTo(1e-10 * NormOps_DDRM.normF(product));
                if (lag == steps) {
                    break;
                }
                // dh_T/dh_{k-1} = dh_T/dh_k diag(1 - h_k²) W_hh, k = T - lag.
                DMatrixRMaj h = layer.state(steps - lag)[0];
                DMatrixRMaj step = wHh.copy();
                for (int i = 0; i < step.numRows; i++) {
                    double d = 1 - h.get(row, i) * h.get(row, i);
                    for (int j = 0; j < step.numCols; j++) {
                        step.set(i, j, d * step.get(i, j));
                    }
                }
                DMatrixRMaj next = new DMatrixRMaj(product.numRows, step.numCols);
                CommonOps_DDRM.mult(product, step, next);
                product = next;
            }
        }
    }

    @Test
    void theJacobianMeasurementLeavesParameterGradientsAsTheyWere() {
        List<double[]> gradients = DiagnosticsChecks.gradients(model);
        Diagnostics.exactJacobianNorms(bptt, 0, 1);
        Diagnostics.estimatedJacobianNorms(bptt, 1, 0, 2, new RandomStreams(1).stream("probes"));
        Diagnostics.jacobianNorms(bptt, 1, 2, new RandomStreams(1).stream("probes"));
        assertThat(DiagnosticsChecks.gradients(model)).as("every parameter's gradient, bit for bit")
                .containsExactlyElementsOf(gradients);
    }
}
