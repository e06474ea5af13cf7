package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;

/**
 * One step of each cell PyTorch lacks against its paper's equations, transcribed unit by unit:
 * what the gradient checks cannot see (which block is which gate, where the gate bias goes,
 * whether y or h is the output). The gru is checked against PyTorch itself in
 * {@link GruPytorchAgreementTest}.
 */
class PaperEquationsTest {
    private static final int BATCH = 3;
    private static final Offset<Double> ROUNDING = Offset.offset(1e-14);

    /** A cell with every parameter drawn from [-1, 1), and its parameters by name. */
    private static Cell cell(String name, Map<String, Object> options, int inputSize, int hiddenSize,
            Map<String, Parameter> byName) {
        Cell cell = Registries.standard().cells().create(name, options).create(inputSize, hiddenSize);
        RandomGenerator random = new RandomStreams(5).stream(name);
        for (Parameter p : cell.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = 2 * random.nextDouble() - 1;
            }
            byName.put(p.name(), p);
        }
        return cell;
    }

    private static DMatrixRMaj random(int rows, int cols, long seed) {
        RandomGenerator random = new RandomStreams(seed).stream("values");
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = 2 * random.nextDouble() - 1;
        }
        return m;
    }

    /** Row {@code row} of weight w times row {@code b} of v. */
    private static double dot(Parameter w, int row, DMatrixRMaj v, int b) {
        double s = 0;
        for (int j = 0; j < v.numCols; j++) {
            s += w.value().get(row, j) * v.get(b, j);
        }
        return s;
    }

    private static double bias(Parameter p, int row) {
        return p.value().data[row];
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Runs one step; returns {output, next state}. */
    private static DMatrixRMaj[] step(Cell cell, DMatrixRMaj x, DMatrixRMaj h) {
        DMatrixRMaj output = new DMatrixRMaj(BATCH, cell.outputSize());
        DMatrixRMaj[] next = {new DMatrixRMaj(BATCH, cell.hiddenSize())};
        cell.forward(x, new DMatrixRMaj[] {h}, next, output, cell.newStepCache(BATCH));
        return new DMatrixRMaj[] {output, next[0]};
    }

    @Test
    void indrnnIsReluOfInputPlusOwnPastTimesU() {
        int in = 3;
        int hidden = 4;
        Map<String, Parameter> p = new HashMap<>();
        Cell cell = cell("indrnn", Map.of(), in, hidden, p);
        DMatrixRMaj x = random(BATCH, in, 1);
        DMatrixRMaj h = random(BATCH, hidden, 2);
        DMatrixRMaj[] out = step(cell, x, h);
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < hidden; i++) {
                double expected = Math.max(0, dot(p.get("weight_ih"), i, x, b) + bias(p.get("bias_ih"), i)
                        + p.get("weight_hh").value().data[i] * h.get(b, i));
                assertThat(out[1].get(b, i)).as("h'[%d, %d]", b, i).isCloseTo(expected, ROUNDING);
                assertThat(out[0].get(b, i)).as("output[%d, %d]", b, i).isEqualTo(out[1].get(b, i));
            }
        }
    }

    @Test
    void ugrnnMixesItsStateAndCandidateByTheUpdateGate() {
        int in = 3;
        int hidden = 4;
        double gateBias = 0.7;
        Map<String, Parameter> p = new HashMap<>();
        Cell cell = cell("ugrnn", Map.of("gateBias", gateBias), in, hidden, p);
        DMatrixRMaj x = random(BATCH, in, 3);
        DMatrixRMaj h = random(BATCH, hidden, 4);
        DMatrixRMaj[] out = step(cell, x, h);
        Parameter wx = p.get("weight_ih");
        Parameter wh = p.get("weight_hh");
        Parameter bias = p.get("bias_ih");
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < hidden; i++) {
                int gi = hidden + i;
                double c = Math.tanh(dot(wx, i, x, b) + dot(wh, i, h, b) + bias(bias, i));
                double g = sigmoid(dot(wx, gi, x, b) + dot(wh, gi, h, b) + bias(bias, gi) + gateBias);
                double expected = g * h.get(b, i) + (1 - g) * c;
                assertThat(out[1].get(b, i)).as("h'[%d, %d]", b, i).isCloseTo(expected, ROUNDING);
                assertThat(out[0].get(b, i)).as("output[%d, %d]", b, i).isEqualTo(out[1].get(b, i));
            }
        }
    }

    @Test
    void plusRnnProjectsAnInputOfAnotherWidth() {
        checkPlusRnn(3, 4, 0.4);
    }

    @Test
    void plusRnnCarriesAnInputOfItsOwnWidthAsItIs() {
        checkPlusRnn(4, 4, -0.3);
    }

    private static void checkPlusRnn(int in, int hidden, double gateBias) {
        Map<String, Parameter> p = new HashMap<>();
        Cell cell = cell("plus_rnn", Map.of("gateBias", gateBias), in, hidden, p);
        assertThat(p.containsKey("weight_proj")).as("weight_proj exists iff the widths differ").isEqualTo(in != hidden);
        DMatrixRMaj raw = random(BATCH, in, 5);
        DMatrixRMaj h = random(BATCH, hidden, 6);
        DMatrixRMaj[] out = step(cell, raw, h);
        DMatrixRMaj x = raw;
        if (in != hidden) {
            x = new DMatrixRMaj(BATCH, hidden);
            for (int b = 0; b < BATCH; b++) {
                for (int j = 0; j < hidden; j++) {
                    x.set(b, j, dot(p.get("weight_proj"), j, raw, b));
                }
            }
        }
        Parameter wx = p.get("weight_ih");
        Parameter wh = p.get("weight_hh");
        Parameter bias = p.get("bias_ih");
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < hidden; i++) {
                double[] pre = new double[4];
                for (int block = 0; block < 4; block++) {
                    int row = block * hidden + i;
                    pre[block] = dot(wx, row, x, b) + dot(wh, row, h, b) + bias(bias, row);
                }
                double yIn = Math.max(0, pre[0]);
                double hIn = Math.tanh(pre[1]);
                double gy = sigmoid(pre[2] + gateBias);
                double gh = sigmoid(pre[3] + gateBias);
                assertThat(out[0].get(b, i)).as("y[%d, %d]", b, i).isCloseTo(gy * x.get(b, i) + (1 - gy) * yIn, ROUNDING);
                assertThat(out[1].get(b, i)).as("h'[%d, %d]", b, i).isCloseTo(gh * h.get(b, i) + (1 - gh) * hIn, ROUNDING);
            }
        }
    }

    /** Cho et al.'s form, which nn.GRU does not have: the reset gate acts on h before W_hn. */
    @Test
    void gruResetBeforeResetsTheStateBeforeTheProduct() {
        int in = 3;
        int hidden = 4;
        Map<String, Parameter> p = new HashMap<>();
        Cell cell = cell("gru", Map.of("resetAfter", false), in, hidden, p);
        DMatrixRMaj x = random(BATCH, in, 7);
        DMatrixRMaj h = random(BATCH, hidden, 8);
        DMatrixRMaj[] out = step(cell, x, h);
        Parameter wx = p.get("weight_ih");
        Parameter wh = p.get("weight_hh");
        Parameter bx = p.get("bias_ih");
        Parameter bh = p.get("bias_hh");
        for (int b = 0; b < BATCH; b++) {
            double[] r = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                r[j] = sigmoid(dot(wx, j, x, b) + bias(bx, j) + dot(wh, j, h, b) + bias(bh, j));
            }
            for (int i = 0; i < hidden; i++) {
                int zi = hidden + i;
                int ni = 2 * hidden + i;
                double z = sigmoid(dot(wx, zi, x, b) + bias(bx, zi) + dot(wh, zi, h, b) + bias(bh, zi));
                double resetProduct = 0;
                for (int j = 0; j < hidden; j++) {
                    resetProduct += wh.value().get(ni, j) * r[j] * h.get(b, j);
                }
                double n = Math.tanh(dot(wx, ni, x, b) + bias(bx, ni) + resetProduct + bias(bh, ni));
                assertThat(out[1].get(b, i)).as("h'[%d, %d]", b, i).isCloseTo((1 - z) * n + z * h.get(b, i), ROUNDING);
            }
        }
    }
}
