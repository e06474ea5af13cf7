package org.rnnlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.Model;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.FiniteDifferences;

/** Fixtures and checks the diagnostics tests of core and of the cell modules share. */
public final class DiagnosticsChecks {
    private DiagnosticsChecks() {
    }

    /** inputs[t] [batch x width], uniform in [-1, 1). */
    public static DMatrixRMaj[] inputs(long seed, int steps, int batch, int width) {
        RandomGenerator random = new RandomStreams(seed).stream("inputs");
        DMatrixRMaj[] xs = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            xs[t] = new DMatrixRMaj(batch, width);
            for (int i = 0; i < xs[t].data.length; i++) {
                xs[t].data[i] = 2 * random.nextDouble() - 1;
            }
        }
        return xs;
    }

    /** count standard Gaussian matrices [batch x outputs]. */
    public static DMatrixRMaj[] values(long seed, int count, int batch, int outputs) {
        RandomGenerator random = new RandomStreams(seed).stream("targets");
        DMatrixRMaj[] ys = new DMatrixRMaj[count];
        for (int t = 0; t < count; t++) {
            ys[t] = new DMatrixRMaj(batch, outputs);
            for (int i = 0; i < ys[t].data.length; i++) {
                ys[t].data[i] = random.nextGaussian();
            }
        }
        return ys;
    }

    /** Every parameter uniform in [-scale / 2, scale / 2). */
    public static void randomize(Model model, long seed, double scale) {
        RandomGenerator random = new RandomStreams(seed).stream("params");
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = scale * (random.nextDouble() - 0.5);
            }
        }
    }

    /** Fills every gradient with Gaussian values, so that leaving them as they were is not leaving zeros zero. */
    public static void scribbleOnGradients(Model model, long seed) {
        RandomGenerator random = new RandomStreams(seed).stream("scribble");
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.gradient().data[i] = random.nextGaussian();
            }
        }
    }

    /** Copies of every gradient, in parameter order. */
    public static List<double[]> gradients(Model model) {
        return model.parameters().stream().map(p -> p.gradient().data.clone()).toList();
    }

    /**
     * The whole gradient dL/d state {@code state} of layer {@code layer} after {@code t} >= 1 steps,
     * [batch x width], by central differences in the perturbation a {@link PerturbedCellType} adds
     * after step t - 1: through the recurrence and (for h of a cell whose output is h) the output.
     */
    public static DMatrixRMaj wholeGradientByDifferences(Model model, PerturbedCellType type, Batch batch, int layer,
            int state, int t) {
        DMatrixRMaj d = type.cells().get(layer).perturbation(state, t - 1, batch.size());
        DMatrixRMaj g = new DMatrixRMaj(d.numRows, d.numCols);
        for (int i = 0; i < d.getNumElements(); i++) {
            g.data[i] = FiniteDifferences.derivative(d, i, () -> new Bptt(model).loss(batch));
        }
        return g;
    }

    /** The Frobenius norm of row b of m. */
    public static double rowNorm(DMatrixRMaj m, int b) {
        double sum = 0;
        for (int j = 0; j < m.numCols; j++) {
            sum += m.get(b, j) * m.get(b, j);
        }
        return Math.sqrt(sum);
    }

    /**
     * Collects the terms by lag of every recurrent weight, and checks that they add up to the
     * gradient of full BPTT, and that the terms of lags 0..L add up to the gradient of backward
     * passes that take each loss time's gradient alone back L + 1 steps: both to 1e-12 times the
     * gradient's largest element (or 1e-12 if that is below one). The model's gradients are left zero.
     *
     * @return the terms by lag, per weight name
     */
    public static Map<String, List<DMatrixRMaj>> assertLagTermsAddUp(Model model, Batch batch) {
        Map<String, List<DMatrixRMaj>> terms = new LinkedHashMap<>();
        int lags = Diagnostics.lagTerms(model, batch, (lag, weight, term) -> {
            List<DMatrixRMaj> list = terms.computeIfAbsent(weight.name(), k -> new ArrayList<>());
            assertThat(list).as("terms of %s before lag %d", weight.name(), lag).hasSize(lag);
            list.add(term.copy());
        });
        List<Parameter> recurrent = model.parameters().stream()
                .filter(p -> p.role() == ParameterRole.RECURRENT_WEIGHT).toList();
        assertThat(terms.keySet()).containsExactlyElementsOf(recurrent.stream().map(Parameter::name).toList());
        model.zeroGradients();
        new Bptt(model).lossAndGradients(batch);
        for (Parameter p : recurrent) {
            List<DMatrixRMaj> list = terms.get(p.name());
            assertThat(list).hasSize(lags);
            DMatrixRMaj sum = new DMatrixRMaj(p.value().numRows, p.value().numCols);
            list.forEach(term -> Kernels.addScaled(1.0, term, sum));
            assertClose(p.name() + ": sum of the terms over every lag vs full BPTT", sum, p.gradient());
        }
        for (int lag = 0; lag < lags; lag++) {
            model.zeroGradients();
            backpropagateEachLossTime(model, batch, lag + 1);
            for (Parameter p : recurrent) {
                DMatrixRMaj head = new DMatrixRMaj(p.value().numRows, p.value().numCols);
                for (int l = 0; l <= lag; l++) {
                    Kernels.addScaled(1.0, terms.get(p.name()).get(l), head);
                }
                assertClose(p.name() + ": sum of the terms of lags 0.." + lag + " vs each loss time's gradient taken back "
                        + (lag + 1) + " steps", head, p.gradient());
            }
        }
        model.zeroGradients();
        return terms;
    }

    /**
     * For every step t in turn, the loss's gradient at t alone taken back {@code depth} steps through
     * every layer, from a zero state gradient at t + 1: truncated BPTT, one loss time at a time. Adds
     * into the parameters' gradients.
     */
    public static void backpropagateEachLossTime(Model model, Batch batch, int depth) {
        Bptt bptt = new Bptt(model);
        bptt.begin(batch);
        int steps = batch.steps();
        bptt.forward(0, steps);
        bptt.loss(0, steps, true);
        int top = model.cells().size() - 1;
        for (int t = 0; t < steps; t++) {
            DMatrixRMaj[] only = new DMatrixRMaj[steps];
            only[t] = bptt.outputGradient(t);
            DMatrixRMaj[] outputGradients = only;
            for (int l = top; l >= 0; l--) {
                bptt.layer(l).backward(t + 1, Math.max(0, t + 1 - depth), outputGradients, null);
                outputGradients = bptt.layer(l).inputGradients();
            }
        }
    }

    /** dh_T/dh_k of sequence {@code row}, T its length, by central differences in h_k with every other state of step k fixed. */
    public static DMatrixRMaj jacobianByDifferences(RecurrentLayer layer, int row, int k) {
        Cell cell = layer.cell();
        int hidden = cell.stateSize(0);
        int steps = layer.length(row);
        if (k == steps) {
            return CommonOps_DDRM.identity(hidden);
        }
        DMatrixRMaj[] xs = new DMatrixRMaj[steps - k];
        for (int t = k; t < steps; t++) {
            xs[t - k] = rowOf(layer.input(t), row);
        }
        DMatrixRMaj[] start = new DMatrixRMaj[cell.stateNames().size()];
        for (int i = 0; i < start.length; i++) {
            start[i] = rowOf(layer.state(k)[i], row);
        }
        RecurrentLayer alone = new RecurrentLayer(cell);
        DMatrixRMaj j = new DMatrixRMaj(hidden, hidden);
        for (int out = 0; out < hidden; out++) {
            int i = out;
            for (int in = 0; in < hidden; in++) {
                j.set(out, in, FiniteDifferences.derivative(start[0], in, () -> {
                    alone.forward(xs, null, start);
                    return alone.state(xs.length)[0].get(0, i);
                }));
            }
        }
        return j;
    }

    private static DMatrixRMaj rowOf(DMatrixRMaj m, int row) {
        DMatrixRMaj r = new DMatrixRMaj(1, m.numCols);
        System.arraycopy(m.data, row * m.numCols, r.data, 0, m.numCols);
        return r;
    }

    /** Every state, state gradient, output and input gradient of every layer. */
    public static List<double[]> buffers(Bptt bptt) {
        List<double[]> all = new ArrayList<>();
        for (int l = 0; l < bptt.model().cells().size(); l++) {
            RecurrentLayer layer = bptt.layer(l);
            for (int t = 0; t <= layer.steps(); t++) {
                for (int i = 0; i < layer.state(t).length; i++) {
                    all.add(layer.state(t)[i].data.clone());
                    all.add(layer.stateGradient(t)[i].data.clone());
                }
                if (t < layer.steps()) {
                    all.add(layer.output(t).data.clone());
                    all.add(layer.inputGradient(t).data.clone());
                    if (l == bptt.model().cells().size() - 1) {
                        all.add(bptt.outputGradient(t).data.clone());
                    }
                }
            }
        }
        return all;
    }

    private static void assertClose(String what, DMatrixRMaj actual, DMatrixRMaj expected) {
        double scale = Math.max(1, CommonOps_DDRM.elementMaxAbs(expected));
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertThat(Math.abs(actual.data[i] - expected.data[i])).as("%s, element %d", what, i)
                    .isLessThanOrEqualTo(1e-12 * scale);
        }
    }
}
