package org.rnnlab.experiments.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.diagnostics.CentralDifferences;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;

/**
 * Checks a cell's backward pass against central differences, as the cell contract test does, for
 * any registered cell from the command line.
 *
 * <p>The loss is L = sum_t &lt;R_t, output_t&gt; + sum_i &lt;S_i, final state_i&gt; with fixed random R
 * and S, so every output and every state tensor carries gradient. Each derivative is the five-point
 * stencil (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h with h = 1e-4; the relative error is
 * |a - n| / max(|a|, |n|, 1e-4). The check runs twice, with every sequence full and with mixed
 * lengths (the longest T, the shortest 1), and reports the worst error of each tensor: every
 * parameter, the inputs of all steps, and each initial state tensor. Parameters are drawn uniformly
 * from [-0.6, 0.6), inputs and states from [-1, 1), all from the given seed.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * The worst disagreement found for one tensor.
     *
     * @param tensor a parameter's name, "inputs", or "initial " and a state's name
     * @param elements how many elements were checked
     * @param worstRelativeError the largest relative error over its elements
     * @param analytic the backward pass's value where the error was largest
     * @param numeric the central difference there
     * @param passed whether the worst error is below the tolerance
     */
    public record Result(String tensor, int elements, double worstRelativeError, double analytic, double numeric,
            boolean passed) {
    }

    /** Every tensor's result, parameters first. */
    public record Report(List<Result> results, double tolerance) {
        public boolean passed() {
            return results.stream().allMatch(Result::passed);
        }
    }

    /**
     * @param batch sequences per batch, >= 1
     * @param steps steps per sequence, >= 1
     * @param tolerance largest relative error that passes
     */
    public static Report run(CellType type, int inputSize, int hiddenSize, int steps, int batch, long seed,
            double tolerance) {
        Cell cell = type.create(inputSize, hiddenSize);
        RandomStreams streams = new RandomStreams(seed).child("gradcheck");
        RandomGenerator init = streams.stream("parameters");
        for (Parameter p : cell.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = 1.2 * init.nextDouble() - 0.6;
            }
        }
        int[] mixed = new int[batch];
        for (int b = 0; b < batch; b++) {
            mixed[b] = 1 + ((steps - 1) * (batch - 1 - b)) / Math.max(1, batch - 1);
        }
        Map<String, Result> worst = new LinkedHashMap<>();
        check(cell, steps, batch, null, streams.child("full"), tolerance, worst);
        check(cell, steps, batch, mixed, streams.child("mixed"), tolerance, worst);
        return new Report(List.copyOf(worst.values()), tolerance);
    }

    private static void check(Cell cell, int steps, int batch, int[] lengths, RandomStreams streams, double tolerance,
            Map<String, Result> worst) {
        RandomGenerator random = streams.stream("data");
        DMatrixRMaj[] inputs = matrices(steps, batch, cell.inputSize(), random);
        DMatrixRMaj[] r = matrices(steps, batch, cell.outputSize(), random);
        int states = cell.stateNames().size();
        DMatrixRMaj[] initial = new DMatrixRMaj[states];
        DMatrixRMaj[] s = new DMatrixRMaj[states];
        for (int i = 0; i < states; i++) {
            initial[i] = matrix(batch, cell.stateSize(i), random);
            s[i] = matrix(batch, cell.stateSize(i), random);
        }
        RecurrentLayer layer = new RecurrentLayer(cell);
        for (Parameter p : cell.parameters()) {
            p.gradient().zero();
        }
        layer.forward(inputs, lengths, initial);
        layer.backward(r, s);
        DoubleSupplier loss = () -> {
            layer.forward(inputs, lengths, initial);
            double sum = 0;
            for (int t = 0; t < steps; t++) {
                sum += Kernels.dot(r[t], layer.output(t));
            }
            DMatrixRMaj[] last = layer.state(steps);
            for (int i = 0; i < states; i++) {
                sum += Kernels.dot(s[i], last[i]);
            }
            return sum;
        };
        List<DMatrixRMaj[]> analytic = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<DMatrixRMaj[]> variables = new ArrayList<>();
        for (Parameter p : cell.parameters()) {
            names.add(p.name());
            analytic.add(new DMatrixRMaj[] {p.gradient().copy()});
            variables.add(new DMatrixRMaj[] {p.value()});
        }
        DMatrixRMaj[] inputGradients = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            inputGradients[t] = layer.inputGradient(t).copy();
        }
        names.add("inputs");
        analytic.add(inputGradients);
        variables.add(inputs);
        for (int i = 0; i < states; i++) {
            names.add("initial " + cell.stateNames().get(i));
            analytic.add(new DMatrixRMaj[] {layer.stateGradient(0)[i].copy()});
            variables.add(new DMatrixRMaj[] {initial[i]});
        }
        for (int k = 0; k < names.size(); k++) {
            Result result = compare(names.get(k), analytic.get(k), variables.get(k), loss, tolerance);
            worst.merge(names.get(k), result, GradientCheck::worse);
        }
    }

    private static Result worse(Result a, Result b) {
        Result w = b.worstRelativeError() > a.worstRelativeError() || Double.isNaN(b.worstRelativeError()) ? b : a;
        return new Result(w.tensor(), a.elements() + b.elements(), w.worstRelativeError(), w.analytic(), w.numeric(),
                a.passed() && b.passed());
    }

    private static Result compare(String name, DMatrixRMaj[] analytic, DMatrixRMaj[] variables, DoubleSupplier loss,
            double tolerance) {
        double worst = 0;
        double worstAnalytic = 0;
        double worstNumeric = 0;
        int elements = 0;
        for (int m = 0; m < variables.length; m++) {
            DMatrixRMaj x = variables[m];
            for (int k = 0; k < x.getNumElements(); k++) {
                double numeric = CentralDifferences.derivative(x, k, loss);
                double a = analytic[m].data[k];
                double error = CentralDifferences.relativeError(a, numeric);
                elements++;
                if (!Double.isNaN(worst) && !(error <= worst)) {
                    worst = error;
                    worstAnalytic = a;
                    worstNumeric = numeric;
                }
            }
        }
        return new Result(name, elements, worst, worstAnalytic, worstNumeric, worst < tolerance);
    }

    private static DMatrixRMaj[] matrices(int steps, int rows, int cols, RandomGenerator random) {
        DMatrixRMaj[] out = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = matrix(rows, cols, random);
        }
        return out;
    }

    private static DMatrixRMaj matrix(int rows, int cols, RandomGenerator random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = 2 * random.nextDouble() - 1;
        }
        return m;
    }
}
