package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.params.Params;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ProjectedInputCell;

/**
 * The contract every {@link CellType} plugin passes. A cell's test subclasses this and supplies the
 * plugin; the checks run for each configuration in {@link #configurations()}:
 *
 * <ul>
 *   <li>shapes and names of parameters and states;
 *   <li>gradients with respect to every parameter, every input and every initial state tensor against
 *       central differences ({@link FiniteDifferences}), relative error below {@link #tolerance()}, for batch
 *       sizes 1 and several, with and without masks of mixed lengths;
 *   <li>masks: a sequence in a batch gives what it gives alone, cut to its own length;
 *   <li>inputs left unmodified by forward and backward; parameter gradients accumulated, not overwritten;
 *   <li>determinism, and no allocation in the time loop after warm-up;
 *   <li>the same bits on two threads as on one, at 64 units and a batch of 64;
 *   <li>for a {@link ProjectedInputCell}: the same results with the inputs projected ahead as step by step;
 *   <li>discovery through {@link java.util.ServiceLoader} under {@link CellType#name()}.
 * </ul>
 *
 * <p>A check that cannot apply to a cell is skipped by overriding it with a comment saying why.
 */
public abstract class CellContractTest {

    /** The plugin at its defaults, as ServiceLoader would create it. */
    protected abstract CellType createCellType();

    /** Option sets to check, each as a spec would write them; the defaults alone unless overridden. */
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of());
    }

    protected int inputSize() {
        return 3;
    }

    protected int hiddenSize() {
        return 4;
    }

    /** Largest allowed relative error of an analytic gradient against the numerical one. */
    protected double tolerance() {
        return 1e-6;
    }

    /**
     * Sets the parameters before a check. The default draws every element uniformly from
     * [-0.6, 0.6), enough to keep saturating cells in their sensitive range; cells with constraints
     * override it.
     */
    protected void initialize(Cell cell, RandomGenerator random) {
        for (Parameter p : cell.parameters()) {
            double[] d = p.value().data;
            for (int i = 0; i < p.size(); i++) {
                d[i] = 1.2 * random.nextDouble() - 0.6;
            }
        }
    }

    private static final int STEPS = 4;
    private static final int BATCH = 3;
    private static final int[] MIXED_LENGTHS = {4, 2, 1};

    /** Cells of every configuration, initialized from a fixed seed. */
    protected final List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> options : configurations()) {
            CellType type = configure(options);
            Cell cell = type.create(inputSize(), hiddenSize());
            initialize(cell, new RandomStreams(7).stream("cell/" + i++));
            cells.add(cell);
        }
        return cells;
    }

    private CellType configure(Map<String, Object> options) {
        CellType plugin = createCellType();
        if (plugin.parameters().isEmpty()) {
            assertThat(options).as("options for a cell without parameters").isEmpty();
            return plugin;
        }
        return plugin.configure(Params.resolve(plugin.parameters(), options, plugin.name(), Registries.standard()));
    }

    @Test
    public void nameAndDescription() {
        CellType type = createCellType();
        assertThat(type.name()).matches("[a-z][a-z0-9_]*");
        assertThat(type.description()).isNotBlank();
        Params defaults = Params.resolve(type.parameters(), Map.of(), type.name(), Registries.standard());
        assertThat(configure(Map.of()).params()).isEqualTo(type.parameters().isEmpty() ? Params.empty() : defaults);
    }

    @Test
    public void discoveredByServiceLoader() {
        CellType type = createCellType();
        assertThat(Registries.standard().cells().get(type.name())).isExactlyInstanceOf(type.getClass());
    }

    @Test
    public void shapesAndNames() {
        for (Cell cell : cells()) {
            assertThat(cell.inputSize()).isEqualTo(inputSize());
            assertThat(cell.hiddenSize()).isEqualTo(hiddenSize());
            assertThat(cell.outputSize()).isPositive();
            assertThat(cell.stateNames()).isNotEmpty().startsWith("h").doesNotHaveDuplicates();
            assertThat(cell.stateSize(0)).isEqualTo(hiddenSize());
            Set<String> names = new HashSet<>();
            for (Parameter p : cell.parameters()) {
                assertThat(names.add(p.name())).as("parameter names are unique: %s", p.name()).isTrue();
                assertThat(p.gradient().numRows).isEqualTo(p.value().numRows);
                assertThat(p.gradient().numCols).isEqualTo(p.value().numCols);
            }
            assertThat(cell.parameters()).as("a cell has parameters").isNotEmpty();
            RecurrentLayer layer = new RecurrentLayer(cell);
            layer.forward(randomInputs(cell, 2, STEPS, 1), null, null);
            for (int t = 0; t < STEPS; t++) {
                assertThat(layer.output(t).numCols).isEqualTo(cell.outputSize());
                assertFinite(layer.output(t), "output " + t);
            }
        }
    }

    /** {@link Cell#outputIsState()} tells the truth: the output is h bit for bit exactly when it says so. */
    @Test
    public void outputIsStateTellsTheTruth() {
        for (Cell cell : cells()) {
            RecurrentLayer layer = new RecurrentLayer(cell);
            layer.forward(randomInputs(cell, BATCH, STEPS, 71), null, randomStates(cell, BATCH, 72));
            boolean same = cell.outputSize() == cell.stateSize(0);
            for (int t = 0; same && t < STEPS; t++) {
                same = java.util.Arrays.equals(layer.output(t).data, layer.state(t + 1)[0].data);
            }
            assertThat(same).as("output equals h at every step (outputIsState() says %s)", cell.outputIsState())
                    .isEqualTo(cell.outputIsState());
        }
    }

    @Test
    public void gradientsMatchFiniteDifferencesBatchOfOne() {
        for (Cell cell : cells()) {
            checkGradients(cell, 1, null);
        }
    }

    @Test
    public void gradientsMatchFiniteDifferencesBatch() {
        for (Cell cell : cells()) {
            checkGradients(cell, BATCH, null);
        }
    }

    @Test
    public void gradientsMatchFiniteDifferencesWithMask() {
        for (Cell cell : cells()) {
            checkGradients(cell, BATCH, MIXED_LENGTHS);
        }
    }

    @Test
    public void maskedSequenceEqualsSequenceAlone() {
        for (Cell cell : cells()) {
            DMatrixRMaj[] inputs = randomInputs(cell, BATCH, STEPS, 11);
            DMatrixRMaj[] initial = randomStates(cell, BATCH, 12);
            RecurrentLayer batched = new RecurrentLayer(cell);
            batched.forward(inputs, MIXED_LENGTHS, initial);
            for (int row = 0; row < BATCH; row++) {
                int length = MIXED_LENGTHS[row];
                DMatrixRMaj[] alone = new DMatrixRMaj[length];
                for (int t = 0; t < length; t++) {
                    alone[t] = rowOf(inputs[t], row);
                }
                DMatrixRMaj[] aloneInitial = new DMatrixRMaj[initial.length];
                for (int i = 0; i < initial.length; i++) {
                    aloneInitial[i] = rowOf(initial[i], row);
                }
                RecurrentLayer single = new RecurrentLayer(cell);
                single.forward(alone, null, aloneInitial);
                for (int t = 0; t < length; t++) {
                    assertRowEquals(batched.output(t), row, single.output(t), "output " + t + " of sequence " + row);
                }
                for (int t = length; t < STEPS; t++) {
                    assertRowEquals(batched.output(t), row, new DMatrixRMaj(1, cell.outputSize()),
                            "output " + t + " past the end of sequence " + row);
                }
                for (int i = 0; i < initial.length; i++) {
                    assertRowEquals(batched.state(STEPS)[i], row, single.state(length)[i],
                            "final " + cell.stateNames().get(i) + " of sequence " + row);
                }
            }
        }
    }

    @Test
    public void inputsAreNotModified() {
        for (Cell cell : cells()) {
            DMatrixRMaj x = randomInputs(cell, BATCH, 1, 21)[0];
            DMatrixRMaj[] prev = randomStates(cell, BATCH, 22);
            DMatrixRMaj[] next = randomStates(cell, BATCH, 23);
            DMatrixRMaj output = new DMatrixRMaj(BATCH, cell.outputSize());
            var cache = cell.newStepCache(BATCH);
            DMatrixRMaj xCopy = x.copy();
            DMatrixRMaj[] prevCopy = copies(prev);
            double[] values = parameterValues(cell);
            cell.forward(x, prev, next, output, cache);
            assertThat(x.data).as("forward left x unmodified").isEqualTo(xCopy.data);
            assertSame(prev, prevCopy, "forward left the previous state unmodified");
            assertThat(parameterValues(cell)).as("forward left parameters unmodified").isEqualTo(values);

            DMatrixRMaj dOutput = randomMatrix(BATCH, cell.outputSize(), new RandomStreams(24).stream("dy"));
            DMatrixRMaj[] dNext = randomStates(cell, BATCH, 25);
            DMatrixRMaj dOutputCopy = dOutput.copy();
            DMatrixRMaj[] dNextCopy = copies(dNext);
            DMatrixRMaj[] nextCopy = copies(next);
            DMatrixRMaj dx = new DMatrixRMaj(BATCH, cell.inputSize());
            DMatrixRMaj[] dPrev = randomStates(cell, BATCH, 26);
            cell.backward(x, prev, next, cache, dOutput, dNext, dx, dPrev);
            assertThat(x.data).as("backward left x unmodified").isEqualTo(xCopy.data);
            assertSame(prev, prevCopy, "backward left the previous state unmodified");
            assertSame(next, nextCopy, "backward left the next state unmodified");
            assertThat(dOutput.data).as("backward left dOutput unmodified").isEqualTo(dOutputCopy.data);
            assertSame(dNext, dNextCopy, "backward left dNext unmodified");
            assertThat(parameterValues(cell)).as("backward left parameter values unmodified").isEqualTo(values);
        }
    }

    @Test
    public void parameterGradientsAccumulate() {
        for (Cell cell : cells()) {
            DMatrixRMaj[] inputs = randomInputs(cell, BATCH, STEPS, 31);
            DMatrixRMaj[] dOutputs = randomOutputGradients(cell, BATCH, STEPS, 32);
            RecurrentLayer layer = new RecurrentLayer(cell);
            zeroGradients(cell);
            layer.forward(inputs, null, null);
            layer.backward(dOutputs, null);
            List<DMatrixRMaj> once = parameterGradients(cell);
            layer.backward(dOutputs, null);
            List<DMatrixRMaj> twice = parameterGradients(cell);
            for (int i = 0; i < once.size(); i++) {
                for (int k = 0; k < once.get(i).getNumElements(); k++) {
                    assertThat(twice.get(i).data[k])
                            .as("gradient of %s accumulates over two backward passes", cell.parameters().get(i).name())
                            .isCloseTo(2 * once.get(i).data[k], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(once.get(i).data[k]))));
                }
            }
        }
    }

    @Test
    public void deterministic() {
        List<Cell> first = cells();
        List<Cell> second = cells();
        for (int c = 0; c < first.size(); c++) {
            double[] a = runOnce(first.get(c));
            double[] b = runOnce(second.get(c));
            assertThat(b).as("same parameters and inputs give bit-identical results").isEqualTo(a);
        }
    }

    /**
     * With two threads ({@link org.rnnlab.kernels.Kernels#setProductThreads}), a batch of 64 at 64
     * units has its products, its long tanh and sigmoid arrays and the cell's row loops
     * ({@link org.rnnlab.kernels.Kernels#forRows}) shared between the threads (64 x 64 x 64 is the
     * smallest product split): every output and gradient must keep its bits, projected or step by step.
     */
    @Test
    public void twoThreadsGiveTheSameBits() {
        final int hidden = 64;
        final int input = inputSize() == hiddenSize() ? hidden : inputSize();
        int i = 0;
        for (Map<String, Object> options : configurations()) {
            for (boolean projected : new boolean[] {true, false}) {
                double[][] results = new double[2][];
                try {
                    for (int threads = 1; threads <= 2; threads++) {
                        org.rnnlab.kernels.Kernels.setProductThreads(threads);
                        Cell cell = configure(options).create(input, hidden);
                        initialize(cell, new RandomStreams(7).stream("two threads/" + i));
                        results[threads - 1] = runOnce(cell, projected, RecurrentLayer.PROJECTION_ROWS, 64, null);
                    }
                } finally {
                    org.rnnlab.kernels.Kernels.setProductThreads(1);
                }
                assertThat(results[1]).as("outputs and gradients of %s %s (projected: %s) on two threads", createCellType().name(),
                        options, projected).containsExactly(results[0]);
            }
            i++;
        }
    }

    /**
     * A cell with the {@link ProjectedInputCell} capability gives, with its inputs projected ahead of
     * the time loop, what it gives step by step: outputs, states and every gradient, with masks, to
     * 1e-12 relative (the two ways add the same terms in different orders); whether the steps are
     * projected all at once, one at a time, or in chunks of three (the last one shorter).
     */
    @Test
    public void projectedInputsAgreeWithStepByStep() {
        for (Cell cell : cells()) {
            if (!(cell instanceof ProjectedInputCell)) {
                assertThat(new RecurrentLayer(cell).projectsInputsAhead()).as("a cell without the capability runs step by step")
                        .isFalse();
                continue;
            }
            assertThat(new RecurrentLayer(cell).projectsInputsAhead()).as("the engine uses the capability").isTrue();
            double[] stepByStep = runOnce(cell, false, RecurrentLayer.PROJECTION_ROWS);
            for (int chunkSteps : new int[] {STEPS, 1, 3}) {
                double[] projected = runOnce(cell, true, chunkSteps * BATCH);
                assertThat(projected).hasSameSizeAs(stepByStep);
                for (int i = 0; i < projected.length; i++) {
                    assertThat(projected[i]).as("value %d of outputs, input gradients, initial-state gradients and"
                            + " parameter gradients, projected in chunks of %d steps vs step by step", i, chunkSteps)
                            .isCloseTo(stepByStep[i],
                                    org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(stepByStep[i]))));
                }
            }
        }
    }

    /**
     * A vanishing gradient reaches zero without passing through subnormal numbers: given a final
     * state gradient of 1e-305 (below {@link org.rnnlab.kernels.Kernels#TINY}) and no output
     * gradient, every earlier state gradient is exactly zero, projected or step by step; given 1,
     * they are not.
     */
    @Test
    public void stateGradientsBelowTheBoundAreFlushedToZero() {
        for (Cell cell : cells()) {
            for (boolean projected : new boolean[] {true, false}) {
                for (double scale : new double[] {1e-305, 1}) {
                    DMatrixRMaj[] dFinal = randomStates(cell, BATCH, 91);
                    for (DMatrixRMaj d : dFinal) {
                        org.ejml.dense.row.CommonOps_DDRM.scale(scale, d);
                    }
                    RecurrentLayer layer = new RecurrentLayer(cell, projected);
                    zeroGradients(cell);
                    layer.forward(randomInputs(cell, BATCH, STEPS, 92), null, null);
                    layer.backward(new DMatrixRMaj[STEPS], dFinal);
                    double largest = 0;
                    for (int t = 0; t < STEPS; t++) {
                        for (DMatrixRMaj g : layer.stateGradient(t)) {
                            for (double v : g.data) {
                                largest = Math.max(largest, Math.abs(v));
                            }
                        }
                    }
                    if (scale < 1) {
                        assertThat(largest).as("largest earlier state gradient of %s (projected: %s) from 1e-305",
                                cell, projected).isZero();
                    } else {
                        assertThat(largest).as("largest earlier state gradient of %s (projected: %s) from 1",
                                cell, projected).isPositive();
                    }
                }
            }
        }
    }

    /**
     * A layer that keeps only two state gradients, used in turn (training when nothing reads them),
     * gives the same input, parameter and initial-state gradients, bit for bit, as one that keeps
     * them all, with masks and a given final-state gradient.
     */
    @Test
    public void withTwoStateGradientsInTurnTheGradientsAreUnchanged() {
        for (Cell cell : cells()) {
            DMatrixRMaj[] inputs = randomInputs(cell, BATCH, STEPS, 81);
            DMatrixRMaj[] dOutputs = randomOutputGradients(cell, BATCH, STEPS, 82);
            DMatrixRMaj[] dFinal = randomStates(cell, BATCH, 83);
            List<double[]> kept = new ArrayList<>();
            List<double[]> inTurn = new ArrayList<>();
            for (boolean keep : new boolean[] {true, false}) {
                RecurrentLayer layer = new RecurrentLayer(cell);
                layer.setStateGradientsKept(keep);
                zeroGradients(cell);
                layer.forward(inputs, MIXED_LENGTHS, null);
                layer.backward(dOutputs, dFinal);
                List<double[]> into = keep ? kept : inTurn;
                for (int t = 0; t < STEPS; t++) {
                    into.add(layer.inputGradient(t).data.clone());
                }
                addGradients(layer, cell, into);
            }
            for (int i = 0; i < kept.size(); i++) {
                assertThat(inTurn.get(i)).as("gradient %d of %s with two state gradients in turn", i, cell)
                        .containsExactly(kept.get(i));
            }
        }
    }

    /**
     * A layer told that nobody needs its input gradients (a first layer in training) gives the same
     * parameter and initial-state gradients, bit for bit, and refuses to hand out input gradients. A
     * {@link ProjectedInputCell} then receives null for dInputs in {@code backProjectInputs}.
     */
    @Test
    public void withoutInputGradientsTheOtherGradientsAreUnchanged() {
        for (Cell cell : cells()) {
            DMatrixRMaj[] inputs = randomInputs(cell, BATCH, STEPS, 71);
            DMatrixRMaj[] dOutputs = randomOutputGradients(cell, BATCH, STEPS, 72);
            List<double[]> withInputGradients = new ArrayList<>();
            List<double[]> without = new ArrayList<>();
            for (boolean needed : new boolean[] {true, false}) {
                RecurrentLayer layer = new RecurrentLayer(cell);
                layer.setInputGradientsNeeded(needed);
                zeroGradients(cell);
                layer.forward(inputs, MIXED_LENGTHS, null);
                layer.backward(dOutputs, null);
                addGradients(layer, cell, needed ? withInputGradients : without);
                if (!needed) {
                    assertThatThrownBy(() -> layer.inputGradient(0)).isInstanceOf(IllegalStateException.class)
                            .hasMessage("This layer does not compute its input gradients; call "
                                    + "setInputGradientsNeeded(true) before backward");
                }
            }
            for (int i = 0; i < without.size(); i++) {
                assertThat(without.get(i)).as("gradient %d of %s without input gradients", i, cell)
                        .containsExactly(withInputGradients.get(i));
            }
        }
    }

    @Test
    public void noAllocationInTheTimeLoop() {
        for (Cell cell : cells()) {
            assertNoAllocation(cell, true);
            if (cell instanceof ProjectedInputCell) {
                assertNoAllocation(cell, false);
            }
        }
    }

    private void assertNoAllocation(Cell cell, boolean projectInputsAhead) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        {
            int steps = 20;
            DMatrixRMaj[] inputs = randomInputs(cell, BATCH, steps, 41);
            DMatrixRMaj[] dOutputs = randomOutputGradients(cell, BATCH, steps, 42);
            // Chunks of 6 steps, the last one shorter, as a long sequence has them.
            RecurrentLayer layer = new RecurrentLayer(cell, projectInputsAhead, 6 * BATCH);
            for (int warmup = 0; warmup < 200; warmup++) {
                layer.forward(inputs, null, null);
                layer.backward(dOutputs, null);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int repeat = 0; repeat < 10; repeat++) {
                layer.forward(inputs, null, null);
                layer.backward(dOutputs, null);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // 400 steps forward and back: one small object per step would already exceed this.
            assertThat(allocated).as("bytes allocated by 10 forward and backward passes of %d steps (inputs projected"
                    + " ahead: %s)", steps, projectInputsAhead)
                    .isLessThan(4096);
        }
    }

    // ---- the gradient check ----

    /** Loss L = sum_t <R_t, output_t> + sum_i <S_i, final state_i>, with fixed random R and S. */
    private void checkGradients(Cell cell, int batch, int[] lengths) {
        DMatrixRMaj[] inputs = randomInputs(cell, batch, STEPS, 51);
        DMatrixRMaj[] initial = randomStates(cell, batch, 52);
        DMatrixRMaj[] r = randomOutputGradients(cell, batch, STEPS, 53);
        DMatrixRMaj[] s = randomStates(cell, batch, 54);
        RecurrentLayer layer = new RecurrentLayer(cell);

        zeroGradients(cell);
        layer.forward(inputs, lengths, initial);
        layer.backward(r, s);

        List<String> failures = new ArrayList<>();
        for (Parameter p : cell.parameters()) {
            compare(p.name(), p.gradient(), p.value(), () -> loss(layer, inputs, lengths, initial, r, s), failures);
        }
        for (int t = 0; t < STEPS; t++) {
            compare("input at step " + t, layer.inputGradient(t), inputs[t],
                    () -> loss(layer, inputs, lengths, initial, r, s), failures);
        }
        for (int i = 0; i < initial.length; i++) {
            compare("initial " + cell.stateNames().get(i), layer.stateGradient(0)[i], initial[i],
                    () -> loss(layer, inputs, lengths, initial, r, s), failures);
        }
        if (!failures.isEmpty()) {
            fail("Gradients disagree with central differences (batch " + batch
                    + (lengths == null ? "" : ", lengths " + java.util.Arrays.toString(lengths)) + "):\n"
                    + String.join("\n", failures));
        }
    }

    private static double loss(RecurrentLayer layer, DMatrixRMaj[] inputs, int[] lengths, DMatrixRMaj[] initial,
            DMatrixRMaj[] r, DMatrixRMaj[] s) {
        layer.forward(inputs, lengths, initial);
        double sum = 0;
        for (int t = 0; t < inputs.length; t++) {
            sum += org.rnnlab.kernels.Kernels.dot(r[t], layer.output(t));
        }
        DMatrixRMaj[] fin = layer.state(inputs.length);
        for (int i = 0; i < s.length; i++) {
            sum += org.rnnlab.kernels.Kernels.dot(s[i], fin[i]);
        }
        return sum;
    }

    private void compare(String what, DMatrixRMaj analytic, DMatrixRMaj x, java.util.function.DoubleSupplier loss,
            List<String> failures) {
        String failure = FiniteDifferences.check(what, analytic, x, loss, tolerance());
        if (failure != null) {
            failures.add(failure);
        }
    }

    // ---- helpers ----

    /** Adds copies of the initial-state gradients and of the cell's parameter gradients to {@code into}. */
    private static void addGradients(RecurrentLayer layer, Cell cell, List<double[]> into) {
        for (DMatrixRMaj g : layer.stateGradient(0)) {
            into.add(g.data.clone());
        }
        for (Parameter p : cell.parameters()) {
            into.add(p.gradient().data.clone());
        }
    }

    private double[] runOnce(Cell cell) {
        return runOnce(cell, true, RecurrentLayer.PROJECTION_ROWS);
    }

    private double[] runOnce(Cell cell, boolean projectInputsAhead, int projectionRows) {
        return runOnce(cell, projectInputsAhead, projectionRows, BATCH, MIXED_LENGTHS);
    }

    /** Forward and backward over a batch of random sequences; every output and gradient, in one array. */
    private double[] runOnce(Cell cell, boolean projectInputsAhead, int projectionRows, int batch, int[] lengths) {
        DMatrixRMaj[] inputs = randomInputs(cell, batch, STEPS, 61);
        RecurrentLayer layer = new RecurrentLayer(cell, projectInputsAhead, projectionRows);
        zeroGradients(cell);
        layer.forward(inputs, lengths, randomStates(cell, batch, 62));
        layer.backward(randomOutputGradients(cell, batch, STEPS, 63), randomStates(cell, batch, 64));
        List<Double> all = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            for (double v : layer.output(t).data) {
                all.add(v);
            }
            for (double v : layer.inputGradient(t).data) {
                all.add(v);
            }
        }
        for (DMatrixRMaj g : layer.stateGradient(0)) {
            for (double v : g.data) {
                all.add(v);
            }
        }
        for (Parameter p : cell.parameters()) {
            for (double v : p.gradient().data) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static DMatrixRMaj[] randomInputs(Cell cell, int batch, int steps, long seed) {
        RandomGenerator random = new RandomStreams(seed).stream("inputs");
        DMatrixRMaj[] inputs = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            inputs[t] = randomMatrix(batch, cell.inputSize(), random);
        }
        return inputs;
    }

    private static DMatrixRMaj[] randomOutputGradients(Cell cell, int batch, int steps, long seed) {
        RandomGenerator random = new RandomStreams(seed).stream("output gradients");
        DMatrixRMaj[] g = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            g[t] = randomMatrix(batch, cell.outputSize(), random);
        }
        return g;
    }

    private static DMatrixRMaj[] randomStates(Cell cell, int batch, long seed) {
        RandomGenerator random = new RandomStreams(seed).stream("states");
        DMatrixRMaj[] s = new DMatrixRMaj[cell.stateNames().size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = randomMatrix(batch, cell.stateSize(i), random);
        }
        return s;
    }

    private static DMatrixRMaj randomMatrix(int rows, int cols, RandomGenerator random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = 2 * random.nextDouble() - 1;
        }
        return m;
    }

    private static DMatrixRMaj rowOf(DMatrixRMaj m, int row) {
        DMatrixRMaj r = new DMatrixRMaj(1, m.numCols);
        System.arraycopy(m.data, row * m.numCols, r.data, 0, m.numCols);
        return r;
    }

    private static void assertRowEquals(DMatrixRMaj batched, int row, DMatrixRMaj single, String what) {
        for (int j = 0; j < single.numCols; j++) {
            assertThat(batched.get(row, j)).as("%s, element %d", what, j)
                    .isCloseTo(single.get(0, j), org.assertj.core.data.Offset.offset(1e-14));
        }
    }

    private static void assertFinite(DMatrixRMaj m, String what) {
        for (double v : m.data) {
            assertThat(Double.isFinite(v)).as("%s is finite", what).isTrue();
        }
    }

    private static DMatrixRMaj[] copies(DMatrixRMaj[] ms) {
        DMatrixRMaj[] c = new DMatrixRMaj[ms.length];
        for (int i = 0; i < ms.length; i++) {
            c[i] = ms[i].copy();
        }
        return c;
    }

    private static void assertSame(DMatrixRMaj[] actual, DMatrixRMaj[] expected, String what) {
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i].data).as(what + " (tensor " + i + ")").isEqualTo(expected[i].data);
        }
    }

    /** Every parameter's values, concatenated. */
    private static double[] parameterValues(Cell cell) {
        return cell.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.value().data)).toArray();
    }

    private static List<DMatrixRMaj> parameterGradients(Cell cell) {
        return cell.parameters().stream().map(p -> p.gradient().copy()).toList();
    }

    private static void zeroGradients(Cell cell) {
        for (Parameter p : cell.parameters()) {
            p.gradient().zero();
        }
    }
}
