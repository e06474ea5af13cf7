package org.rnnlab.engine;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ProjectedInputCell;
import org.rnnlab.spi.StepCache;

/**
 * A {@link Cell} unrolled over a batch of sequences: forward through every step, keeping what
 * backpropagation through time needs, then backward from the last step to the first.
 *
 * <p>Variable lengths: sequence b is active at steps t &lt; lengths[b] (steps count from 0). At an
 * inactive step its state is carried unchanged, its output is zero, and backward passes the state
 * gradient straight through, so each sequence ends at its own last step exactly as if it had been
 * run alone.
 *
 * <p>Buffers are sized once per (batch, steps) and reused, so neither pass allocates unless the
 * shape changes. Not thread-safe: one instance per run.
 *
 * <p>A cell that is a {@link ProjectedInputCell} has its inputs projected ahead of the time loop, a
 * chunk of {@link #PROJECTION_ROWS} rows (steps · batch) in one product, and their gradients taken
 * likewise once backward has passed a chunk; any other cell runs step by step. Chunks keep the
 * products large (their speed hardly grows beyond a few hundred rows) while the buffers stay a
 * fraction of the activations: projecting all T steps at once would keep a buffer as large as the
 * gates of every step. {@link #RecurrentLayer(Cell, boolean)} can turn the projection off, to
 * compare.
 *
 * <pre>{@code
 * RecurrentLayer layer = new RecurrentLayer(cell);
 * layer.forward(inputs, null, null);          // inputs[t] is [batch x inputSize]
 * layer.backward(dOutputs, null);             // dOutputs[t] is dL/d output_t, or null for zero
 * DMatrixRMaj dh0 = layer.stateGradient(0)[0];
 * }</pre>
 */
public final class RecurrentLayer {
    /** The default rows (steps · batch) projected in one product: 16 steps of a batch of 32. */
    public static final int PROJECTION_ROWS = 512;

    private final Cell cell;
    /** The cell, when its inputs are projected ahead of the time loop; null to run step by step. */
    private final ProjectedInputCell projecting;
    private final int stateCount;
    /** Rows to project in one product; a chunk is at least one step. */
    private final int projectionRows;
    /** Steps per chunk of projections for the current batch size. */
    private int chunkSteps;
    /** Whether backward computes dL/d inputs; see {@link #setInputGradientsNeeded}. */
    private boolean inputGradientsNeeded = true;

    private int batch = -1;
    private int steps = -1;
    private int[] lengths;
    private boolean masked;

    /** states[t] is the state after t steps; states[0] the initial state. */
    private DMatrixRMaj[][] states;
    private DMatrixRMaj[] outputs;
    private StepCache[] caches;
    private DMatrixRMaj[] inputs;

    /**
     * stateGradients[t] is dL/d states[t] through the recurrence (not through output t): the entries
     * of keptStateGradients, or, when they are not kept, the two of ringStateGradients in turn.
     */
    private DMatrixRMaj[][] stateGradients;
    private DMatrixRMaj[][] keptStateGradients;
    private DMatrixRMaj[][] ringStateGradients;
    /** Whether every step's state gradient is kept after backward; see {@link #setStateGradientsKept}. */
    private boolean stateGradientsKept = true;
    /** The first step of the last backward: with the ring, the state gradients of it and the next are valid. */
    private int lastBackwardFrom = -1;
    private DMatrixRMaj[] inputGradients;
    private DMatrixRMaj zeroOutputGradient;
    private DMatrixRMaj maskedOutputGradient;
    private DMatrixRMaj[] maskedNextGradient;

    /** A chunk's inputs stacked step by step [chunkSteps·batch x inputSize], then their gradients; projection only. */
    private DMatrixRMaj stackedInputs;
    private DMatrixRMaj stackedInputGradients;
    /**
     * A chunk's projected inputs [chunkSteps·batch x width], consumed by the forward loop; the
     * backward loop then writes their gradients into the same matrix (projectionGradients).
     * Projection only.
     */
    private DMatrixRMaj projections;
    private DMatrixRMaj projectionGradients;

    /** A layer that projects the inputs ahead of the time loop when the cell can. */
    public RecurrentLayer(Cell cell) {
        this(cell, true);
    }

    /**
     * @param projectInputsAhead whether to use the cell's {@link ProjectedInputCell} capability when it
     *     has it; false runs every cell step by step
     */
    public RecurrentLayer(Cell cell, boolean projectInputsAhead) {
        this(cell, projectInputsAhead, PROJECTION_ROWS);
    }

    /**
     * @param projectionRows the rows (steps · batch) to project in one product, rounded up to whole
     *     steps: fewer save memory, more can run faster on large batches. Tests use a step or two to
     *     cross chunk boundaries.
     */
    public RecurrentLayer(Cell cell, boolean projectInputsAhead, int projectionRows) {
        this.cell = Objects.requireNonNull(cell, "cell");
        this.projecting = projectInputsAhead && cell instanceof ProjectedInputCell p ? p : null;
        this.stateCount = cell.stateNames().size();
        if (projectionRows < 1) {
            throw new IllegalArgumentException("Projection rows must be at least 1, found " + projectionRows);
        }
        this.projectionRows = projectionRows;
    }

    /** Whether this layer projects its cell's inputs ahead of the time loop. */
    public boolean projectsInputsAhead() {
        return projecting != null;
    }

    public Cell cell() {
        return cell;
    }

    /** Number of sequences in the last forward pass. */
    public int batch() {
        return batch;
    }

    /** Number of steps in the last forward pass. */
    public int steps() {
        return steps;
    }

    /**
     * Runs every step forward.
     *
     * @param inputs inputs[t] is [batch x inputSize] for t in [0, T). Not modified; kept by reference
     *     until the next forward, for backward.
     * @param lengths each sequence's length in [1, T], or null if all have length T. Not modified.
     * @param initialState one [batch x stateSize(i)] tensor per state, or null for zeros. Not modified.
     */
    public void forward(DMatrixRMaj[] inputs, int[] lengths, DMatrixRMaj[] initialState) {
        begin(inputs, lengths, initialState);
        forward(0, steps);
    }

    /**
     * Prepares a pass over a batch of sequences without running a step; {@link #forward(int, int)}
     * then runs ranges of steps, as truncated BPTT needs. Arguments as {@link #forward(DMatrixRMaj[], int[], DMatrixRMaj[])}.
     * The entries of {@code inputs} may be filled later, before their steps run (a layer above reads
     * the outputs of the layer below as they are computed).
     */
    public void begin(DMatrixRMaj[] inputs, int[] lengths, DMatrixRMaj[] initialState) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("A sequence needs at least one step, found 0");
        }
        int b = inputs[0].numRows;
        for (int t = 0; t < inputs.length; t++) {
            if (inputs[t].numRows != b || inputs[t].numCols != cell.inputSize()) {
                throw new IllegalArgumentException("Input at step " + t + " must be " + b + "x" + cell.inputSize()
                        + ", found " + inputs[t].numRows + "x" + inputs[t].numCols);
            }
        }
        resize(b, inputs.length);
        this.inputs = inputs;
        lastBackwardFrom = -1;
        setLengths(lengths);
        for (int i = 0; i < stateCount; i++) {
            if (initialState == null) {
                Kernels.zero(states[0][i]);
            } else {
                Kernels.copy(initialState[i], states[0][i]);
            }
        }
    }

    /**
     * Runs steps [from, to) forward from the state after {@code from} steps.
     *
     * @param from first step to run, 0-based
     * @param to one past the last step, at most {@link #steps()}
     */
    public void forward(int from, int to) {
        checkRange(from, to);
        if (projecting != null) {
            projecting.beforeForwardRange();
        }
        // Chunks of steps [chunkStart, chunkEnd), each projected when the loop reaches it.
        int chunkStart = from;
        int chunkEnd = from;
        for (int t = from; t < to; t++) {
            if (projecting != null) {
                if (t == chunkEnd) {
                    chunkStart = t;
                    chunkEnd = Math.min(to, t + chunkSteps);
                    stackInputs(chunkStart, chunkEnd);
                    projections.reshape((chunkEnd - chunkStart) * batch, projecting.projectionWidth());
                    projecting.projectInputs(stackedInputs, projections);
                }
                projecting.forwardProjected(projections, (t - chunkStart) * batch, states[t], states[t + 1],
                        outputs[t], caches[t]);
            } else {
                cell.forward(inputs[t], states[t], states[t + 1], outputs[t], caches[t]);
            }
            if (masked) {
                for (int row = 0; row < batch; row++) {
                    if (t >= this.lengths[row]) {
                        for (int i = 0; i < stateCount; i++) {
                            Kernels.copyRow(states[t][i], states[t + 1][i], row);
                        }
                        Kernels.zeroRow(outputs[t], row);
                    }
                }
            }
        }
    }

    /**
     * Backpropagation through every step of the last forward pass. Parameter gradients are added to
     * the cell's parameters' gradient buffers. Each step's state gradient has its values below
     * {@link Kernels#TINY} in magnitude set to zero ({@link Kernels#flushTiny}).
     *
     * @param outputGradients dL/d output_t for t in [0, T); an entry may be null for zero. Not modified.
     * @param finalStateGradient dL/d of the final state, one tensor per state, or null for zero. Not modified.
     */
    public void backward(DMatrixRMaj[] outputGradients, DMatrixRMaj[] finalStateGradient) {
        if (states == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        backward(steps, 0, outputGradients, finalStateGradient);
    }

    /**
     * Backpropagation through steps to-1 down to {@code from}, starting from {@code stateGradient}
     * as dL/d state(to); truncated BPTT passes null there, treating later steps as absent. After it,
     * {@link #stateGradient(int)} holds dL/d state(t) for t in [from, to] (only for from and from + 1
     * when {@link #setStateGradientsKept} turned keeping them off).
     *
     * @param outputGradients dL/d output_t, indexed by step over the whole sequence; entries outside
     *     [from, to) are not read and an entry may be null for zero. Not modified.
     * @param stateGradient dL/d state(to), or null for zero. Not modified.
     */
    public void backward(int to, int from, DMatrixRMaj[] outputGradients, DMatrixRMaj[] stateGradient) {
        checkRange(from, to);
        if (outputGradients.length != steps) {
            throw new IllegalArgumentException("Need one output gradient per step: " + steps + ", found "
                    + outputGradients.length);
        }
        for (int i = 0; i < stateCount; i++) {
            if (stateGradient == null) {
                Kernels.zero(stateGradients[to][i]);
            } else {
                Kernels.copy(stateGradient[i], stateGradients[to][i]);
            }
        }
        backwardSteps(to, from, outputGradients);
    }

    /**
     * Backpropagation through steps to-1 down to {@code from}, starting from {@link #stateGradient(int)
     * stateGradient(to)} as it stands: as an earlier backward left it, or as the caller wrote it.
     * Diagnostics use it to run several backward passes over one forward pass in lockstep, a step at
     * a time. Parameter gradients are added as by {@link #backward(int, int, DMatrixRMaj[], DMatrixRMaj[])}.
     *
     * @param outputGradients dL/d output_t, indexed by step over the whole sequence; entries outside
     *     [from, to) are not read and an entry may be null for zero. Not modified.
     */
    public void continueBackward(int to, int from, DMatrixRMaj[] outputGradients) {
        checkRange(from, to);
        if (outputGradients.length != steps) {
            throw new IllegalArgumentException("Need one output gradient per step: " + steps + ", found "
                    + outputGradients.length);
        }
        backwardSteps(to, from, outputGradients);
    }

    private void backwardSteps(int to, int from, DMatrixRMaj[] outputGradients) {
        // Chunks of steps [chunkStart, chunkEnd) from the top down, each projected back once backward
        // has passed its first step.
        int chunkStart = to;
        int chunkEnd = to;
        for (int t = to - 1; t >= from; t--) {
            if (projecting != null && t < chunkStart) {
                chunkEnd = t + 1;
                chunkStart = Math.max(from, chunkEnd - chunkSteps);
                projectionGradients.reshape((chunkEnd - chunkStart) * batch, projecting.projectionWidth());
            }
            DMatrixRMaj dOutput = outputGradients[t] == null ? zeroOutputGradient : outputGradients[t];
            DMatrixRMaj[] dNext = stateGradients[t + 1];
            if (masked && hasInactiveRow(t)) {
                // Inactive rows must contribute nothing to parameters or inputs: zero their incoming
                // gradients in scratch copies, then pass the state gradient straight through.
                Kernels.copy(dOutput, maskedOutputGradient);
                for (int i = 0; i < stateCount; i++) {
                    Kernels.copy(dNext[i], maskedNextGradient[i]);
                }
                for (int row = 0; row < batch; row++) {
                    if (t >= lengths[row]) {
                        Kernels.zeroRow(maskedOutputGradient, row);
                        for (int i = 0; i < stateCount; i++) {
                            Kernels.zeroRow(maskedNextGradient[i], row);
                        }
                    }
                }
                backwardStep(t, chunkStart, maskedOutputGradient, maskedNextGradient);
                for (int row = 0; row < batch; row++) {
                    if (t >= lengths[row]) {
                        for (int i = 0; i < stateCount; i++) {
                            Kernels.copyRow(dNext[i], stateGradients[t][i], row);
                        }
                    }
                }
            } else {
                backwardStep(t, chunkStart, dOutput, dNext);
            }
            // A vanishing gradient goes to zero here rather than through subnormal numbers, which
            // would slow every later step many times on x86 (Kernels.flushTiny).
            for (int i = 0; i < stateCount; i++) {
                Kernels.flushTiny(stateGradients[t][i]);
            }
            if (projecting != null && t == chunkStart) {
                backProjectChunk(chunkStart, chunkEnd);
            }
        }
        lastBackwardFrom = from;
    }

    /** The input side of every step of a chunk at once, now that dL/dp of each is known. */
    private void backProjectChunk(int chunkStart, int chunkEnd) {
        stackInputs(chunkStart, chunkEnd);
        if (inputGradientsNeeded) {
            stackedInputGradients.reshape((chunkEnd - chunkStart) * batch, cell.inputSize());
            projecting.backProjectInputs(stackedInputs, projectionGradients, stackedInputGradients);
            for (int t = chunkStart; t < chunkEnd; t++) {
                Kernels.copyRows(stackedInputGradients, (t - chunkStart) * batch, inputGradients[t], 0, batch);
            }
        } else {
            projecting.backProjectInputs(stackedInputs, projectionGradients, null);
        }
    }

    private void backwardStep(int t, int chunkStart, DMatrixRMaj dOutput, DMatrixRMaj[] dNext) {
        if (projecting != null) {
            projecting.backwardProjected(states[t], states[t + 1], caches[t], dOutput, dNext, projectionGradients,
                    (t - chunkStart) * batch, stateGradients[t]);
        } else {
            cell.backward(inputs[t], states[t], states[t + 1], caches[t], dOutput, dNext, inputGradients[t],
                    stateGradients[t]);
        }
    }

    /** stackedInputs = the inputs of steps [from, to), one block of rows per step. */
    private void stackInputs(int from, int to) {
        stackedInputs.reshape((to - from) * batch, cell.inputSize());
        for (int t = from; t < to; t++) {
            Kernels.copyRows(inputs[t], 0, stackedInputs, (t - from) * batch, batch);
        }
    }

    /** The input of step t (0-based) as the last forward read it, by reference. */
    public DMatrixRMaj input(int t) {
        return inputs[t];
    }

    /** The output of step t (0-based), [batch x outputSize]. Valid until the next forward. */
    public DMatrixRMaj output(int t) {
        return outputs[t];
    }

    /** The state after t steps: {@code state(0)} is the initial state, {@code state(T)} the final one. */
    public DMatrixRMaj[] state(int t) {
        return states[t];
    }

    /**
     * dL/d {@code state(t)} through the recurrence: what step t+1 passed back (for t = T, the given
     * final-state gradient). For a cell whose output is h, the whole gradient of h_t (t >= 1) is this
     * plus the output gradient of step t-1 (0-based).
     */
    public DMatrixRMaj[] stateGradient(int t) {
        if (!stateGradientsKept && (lastBackwardFrom < 0 || t != lastBackwardFrom && t != lastBackwardFrom + 1)) {
            throw new IllegalStateException("The state gradient of step " + t + " is not kept: this layer keeps only"
                    + " the last two a backward pass wrote (" + (lastBackwardFrom < 0 ? "none yet" : "steps "
                    + lastBackwardFrom + " and " + (lastBackwardFrom + 1)) + "); call setStateGradientsKept(true)"
                    + " before backward to keep them all");
        }
        return stateGradients[t];
    }

    /**
     * Whether backward keeps the state gradient of every step for {@link #stateGradient} (the
     * default), as the gradient-flow diagnostics and Pascanu's regularizer read them after backward.
     * Without them backward needs only two buffers, which it uses in turn, instead of one per step:
     * for an lstm of 512 units over 100 steps of a batch of 32, 26 MB less. The results of backward
     * are the same bit for bit. Turning them back on allocates them again.
     */
    public void setStateGradientsKept(boolean kept) {
        if (kept == stateGradientsKept) {
            return;
        }
        stateGradientsKept = kept;
        lastBackwardFrom = -1;
        if (states != null) {
            linkStateGradients();
        }
    }

    /** Whether backward keeps every step's state gradient; see {@link #setStateGradientsKept}. */
    public boolean stateGradientsKept() {
        return stateGradientsKept;
    }

    /** Points stateGradients at one buffer per step, or at the two of the ring, as the mode asks. */
    private void linkStateGradients() {
        if (stateGradientsKept) {
            ringStateGradients = null;
            keptStateGradients = new DMatrixRMaj[steps + 1][];
            for (int t = 0; t <= steps; t++) {
                keptStateGradients[t] = newStates();
            }
        } else {
            keptStateGradients = null;
            ringStateGradients = new DMatrixRMaj[][] {newStates(), newStates()};
        }
        for (int t = 0; t <= steps; t++) {
            stateGradients[t] = stateGradientsKept ? keptStateGradients[t] : ringStateGradients[t & 1];
        }
    }

    /**
     * Every step's output, by reference: the array the layer above reads as its inputs. Entries are
     * valid once their steps have run forward, until the shape changes.
     */
    public DMatrixRMaj[] outputs() {
        return outputs;
    }

    /**
     * Whether backward computes dL/d inputs (the default). A first layer, whose inputs are data,
     * does not need them in training: turning them off saves, for a cell that projects its inputs
     * ahead, one product per range (and {@link #inputGradient} then refuses to answer). A cell that
     * runs step by step computes them anyway.
     */
    public void setInputGradientsNeeded(boolean needed) {
        this.inputGradientsNeeded = needed;
    }

    private void checkInputGradients() {
        if (!inputGradientsNeeded) {
            throw new IllegalStateException("This layer does not compute its input gradients; "
                    + "call setInputGradientsNeeded(true) before backward");
        }
    }

    /** Every step's input gradient, by reference: the output gradients of the layer below. */
    public DMatrixRMaj[] inputGradients() {
        checkInputGradients();
        return inputGradients;
    }

    /** dL/d input of step t, [batch x inputSize]. Valid after backward. */
    public DMatrixRMaj inputGradient(int t) {
        checkInputGradients();
        return inputGradients[t];
    }

    private void checkRange(int from, int to) {
        if (states == null) {
            throw new IllegalStateException("begin or forward must come first");
        }
        if (from < 0 || to > steps || from >= to) {
            throw new IllegalArgumentException("Step range must lie in [0, " + steps + "] and not be empty, found ["
                    + from + ", " + to + ")");
        }
    }

    /** The length of sequence {@code row}: its steps are [0, length). */
    public int length(int row) {
        return masked ? lengths[row] : steps;
    }

    private boolean hasInactiveRow(int t) {
        for (int row = 0; row < batch; row++) {
            if (t >= lengths[row]) {
                return true;
            }
        }
        return false;
    }

    private void setLengths(int[] given) {
        if (given == null) {
            masked = false;
            return;
        }
        if (given.length != batch) {
            throw new IllegalArgumentException("Need one length per sequence: " + batch + ", found " + given.length);
        }
        masked = false;
        for (int row = 0; row < batch; row++) {
            if (given[row] < 1 || given[row] > steps) {
                throw new IllegalArgumentException("Length of sequence " + row + " must be in [1, " + steps
                        + "], found " + given[row]);
            }
            lengths[row] = given[row];
            masked |= given[row] < steps;
        }
    }

    private void resize(int newBatch, int newSteps) {
        if (newBatch == batch && newSteps == steps) {
            return;
        }
        batch = newBatch;
        steps = newSteps;
        lengths = new int[batch];
        states = new DMatrixRMaj[steps + 1][];
        stateGradients = new DMatrixRMaj[steps + 1][];
        for (int t = 0; t <= steps; t++) {
            states[t] = newStates();
        }
        linkStateGradients();
        outputs = new DMatrixRMaj[steps];
        inputGradients = new DMatrixRMaj[steps];
        caches = new StepCache[steps];
        for (int t = 0; t < steps; t++) {
            outputs[t] = new DMatrixRMaj(batch, cell.outputSize());
            inputGradients[t] = new DMatrixRMaj(batch, cell.inputSize());
            caches[t] = cell.newStepCache(batch);
        }
        zeroOutputGradient = new DMatrixRMaj(batch, cell.outputSize());
        maskedOutputGradient = new DMatrixRMaj(batch, cell.outputSize());
        maskedNextGradient = newStates();
        chunkSteps = Math.min(steps, Math.max(1, (projectionRows + batch - 1) / batch));
        if (projecting != null) {
            stackedInputs = new DMatrixRMaj(chunkSteps * batch, cell.inputSize());
            stackedInputGradients = new DMatrixRMaj(chunkSteps * batch, cell.inputSize());
            projections = new DMatrixRMaj(chunkSteps * batch, projecting.projectionWidth());
            projectionGradients = projections;
        }
    }

    private DMatrixRMaj[] newStates() {
        DMatrixRMaj[] s = new DMatrixRMaj[stateCount];
        for (int i = 0; i < stateCount; i++) {
            s[i] = new DMatrixRMaj(batch, cell.stateSize(i));
        }
        return s;
    }
}
