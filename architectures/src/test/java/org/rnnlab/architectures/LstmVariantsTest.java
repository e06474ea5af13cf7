package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;
import org.rnnlab.testkit.ModelFixtures;

/**
 * The forward equations of the LSTM variants, which the gradient checks cannot see (a consistent
 * forward and backward of the wrong equations pass them) and PyTorch has no counterpart of:
 * {@code lstm_noforget} is {@code lstm} with its forget gate held open, {@code lstm_peephole} with
 * zero peepholes is {@code lstm}, and with peepholes it follows a direct transcription of Gers et
 * al.'s equations, the output gate seeing the new cell state.
 */
class LstmVariantsTest {
    private static final int INPUT = 2;
    private static final int HIDDEN = 3;
    private static final int BATCH = 2;
    private static final int STEPS = 6;

    private static void randomize(Cell cell, long seed) {
        RandomGenerator random = new RandomStreams(seed).stream("parameters");
        for (Parameter p : cell.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = 2 * random.nextDouble() - 1;
            }
        }
    }

    private static DMatrixRMaj[] inputs() {
        return ModelFixtures.inputs(3, STEPS, BATCH, INPUT);
    }

    private static Parameter parameter(Cell cell, String name) {
        return cell.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** Copies rows [from·H, (from+1)·H) of a gated parameter into rows [to·H, (to+1)·H) of another. */
    private static void copyGate(Parameter source, int from, Parameter target, int to) {
        int n = HIDDEN * source.value().numCols;
        System.arraycopy(source.value().data, from * n, target.value().data, to * n, n);
    }

    private static RecurrentLayer run(Cell cell, DMatrixRMaj[] xs) {
        RecurrentLayer layer = new RecurrentLayer(cell);
        layer.forward(xs, null, null);
        return layer;
    }

    private static void assertSameStates(RecurrentLayer actual, RecurrentLayer expected, double tolerance) {
        for (int t = 1; t <= STEPS; t++) {
            for (int s = 0; s < 2; s++) {
                double[] a = actual.state(t)[s].data;
                double[] e = expected.state(t)[s].data;
                for (int i = 0; i < e.length; i++) {
                    assertThat(a[i]).as("state %s after %d steps, element %d", s == 0 ? "h" : "c", t, i)
                            .isCloseTo(e[i], offset(tolerance));
                }
            }
        }
    }

    @Test
    void noForgetIsLstmWithTheForgetGateOpen() {
        Cell noForget = new LstmNoForgetCellType().create(INPUT, HIDDEN);
        randomize(noForget, 1);
        Cell lstm = new LstmCellType().create(INPUT, HIDDEN);
        for (String name : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
            Parameter from = parameter(noForget, name);
            Parameter to = parameter(lstm, name);
            copyGate(from, 0, to, 0);
            copyGate(from, 1, to, 2);
            copyGate(from, 2, to, 3);
        }
        // σ(1000) is exactly 1, and the forget gate's weights are zero.
        for (int j = HIDDEN; j < 2 * HIDDEN; j++) {
            parameter(lstm, "bias_ih").value().data[j] = 1000;
        }
        DMatrixRMaj[] xs = inputs();
        assertSameStates(run(noForget, xs), run(lstm, xs), 1e-15);
    }

    @Test
    void peepholeWithZeroPeepholesIsLstm() {
        Cell peephole = new LstmPeepholeCellType().create(INPUT, HIDDEN);
        randomize(peephole, 2);
        Cell lstm = new LstmCellType().create(INPUT, HIDDEN);
        for (String name : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
            parameter(lstm, name).value().setTo(parameter(peephole, name).value());
        }
        for (String name : List.of("weight_ci", "weight_cf", "weight_co")) {
            parameter(peephole, name).value().zero();
        }
        DMatrixRMaj[] xs = inputs();
        assertSameStates(run(peephole, xs), run(lstm, xs), 0);
    }

    @Test
    void peepholeFollowsTheEquations() {
        Cell cell = new LstmPeepholeCellType().create(INPUT, HIDDEN);
        randomize(cell, 4);
        DMatrixRMaj[] xs = inputs();
        RecurrentLayer layer = run(cell, xs);

        DMatrixRMaj wIh = parameter(cell, "weight_ih").value();
        DMatrixRMaj wHh = parameter(cell, "weight_hh").value();
        DMatrixRMaj bIh = parameter(cell, "bias_ih").value();
        DMatrixRMaj bHh = parameter(cell, "bias_hh").value();
        double[] wci = parameter(cell, "weight_ci").value().data;
        double[] wcf = parameter(cell, "weight_cf").value().data;
        double[] wco = parameter(cell, "weight_co").value().data;
        for (int b = 0; b < BATCH; b++) {
            double[] h = new double[HIDDEN];
            double[] c = new double[HIDDEN];
            for (int t = 0; t < STEPS; t++) {
                double[] hNew = new double[HIDDEN];
                double[] cNew = new double[HIDDEN];
                for (int j = 0; j < HIDDEN; j++) {
                    double[] z = new double[4];
                    for (int gate = 0; gate < 4; gate++) {
                        int row = gate * HIDDEN + j;
                        z[gate] = bIh.data[row] + bHh.data[row];
                        for (int k = 0; k < INPUT; k++) {
                            z[gate] += wIh.get(row, k) * xs[t].get(b, k);
                        }
                        for (int k = 0; k < HIDDEN; k++) {
                            z[gate] += wHh.get(row, k) * h[k];
                        }
                    }
                    double i = sigmoid(z[0] + wci[j] * c[j]);
                    double f = sigmoid(z[1] + wcf[j] * c[j]);
                    double g = Math.tanh(z[2]);
                    cNew[j] = f * c[j] + i * g;
                    double o = sigmoid(z[3] + wco[j] * cNew[j]);
                    hNew[j] = o * Math.tanh(cNew[j]);
                }
                h = hNew;
                c = cNew;
                for (int j = 0; j < HIDDEN; j++) {
                    assertThat(layer.state(t + 1)[0].get(b, j)).as("h of sequence %d after %d steps, unit %d", b, t + 1, j)
                            .isCloseTo(h[j], offset(1e-14));
                    assertThat(layer.state(t + 1)[1].get(b, j)).as("c of sequence %d after %d steps, unit %d", b, t + 1, j)
                            .isCloseTo(c[j], offset(1e-14));
                }
            }
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * An activation whose derivative needs its input makes the cell keep the pre-activations apart
     * from the gates (otherwise it activates them in place): the same function declared either way
     * gives the same gradients.
     */
    @Test
    void activationsThatNeedTheirInputGetIt() {
        Registries registries = Registries.standard();
        Activation sigmoid = registries.activations().get("sigmoid");
        Activation tanh = registries.activations().get("tanh");
        for (LstmCell.Variant variant : LstmCell.Variant.values()) {
            Cell fromOutput = new LstmCell("test", variant, INPUT, HIDDEN, sigmoid, tanh);
            Cell fromInput = new LstmCell("test", variant, INPUT, HIDDEN, new FromInput(sigmoid), new FromInput(tanh));
            randomize(fromOutput, 5);
            randomize(fromInput, 5);
            DMatrixRMaj[] xs = inputs();
            DMatrixRMaj[] dOutputs = new DMatrixRMaj[STEPS];
            for (int t = 0; t < STEPS; t++) {
                dOutputs[t] = new DMatrixRMaj(BATCH, HIDDEN);
                dOutputs[t].fill(1.0 + t);
            }
            RecurrentLayer expected = run(fromOutput, xs);
            expected.backward(dOutputs, null);
            RecurrentLayer actual = run(fromInput, xs);
            actual.backward(dOutputs, null);
            for (int p = 0; p < fromOutput.parameters().size(); p++) {
                double[] e = fromOutput.parameters().get(p).gradient().data;
                double[] a = fromInput.parameters().get(p).gradient().data;
                for (int k = 0; k < e.length; k++) {
                    assertThat(a[k]).as("%s: gradient of %s[%d]", variant, fromOutput.parameters().get(p).name(), k)
                            .isCloseTo(e[k], offset(1e-13));
                }
            }
        }
    }

    /** {@code f}, declaring that its derivative needs x: it computes f'(x) from f(x), ignoring the y it is given. */
    private record FromInput(Activation f) implements Activation {
        @Override
        public String name() {
            return f.name() + "_from_input";
        }

        @Override
        public String description() {
            return f.description();
        }

        @Override
        public double apply(double x) {
            return f.apply(x);
        }

        @Override
        public double derivative(double x, double y) {
            return f.derivative(Double.NaN, f.apply(x));
        }
    }
}
