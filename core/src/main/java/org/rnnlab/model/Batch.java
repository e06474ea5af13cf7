package org.rnnlab.model;

import org.ejml.data.DMatrixRMaj;

/**
 * A batch of sequences with their targets, batch-major per step: {@code inputs[t]} is
 * [batch x inputSize].
 *
 * <p>Targets match the model's {@link ReadAt}: for {@link ReadAt#LAST} one target per sequence
 * (read at its own last step), for {@link ReadAt#EVERY} one per step. Regression targets are
 * matrices [batch x outputSize]; class targets are indices in [0, outputSize), or -1 for an output
 * that is not scored (a step of the memorization task before the answer is due).
 *
 * <p>The arrays are held by reference, not copied: a data source may reuse them for its next batch
 * once this one has been consumed.
 */
public final class Batch {
    private final DMatrixRMaj[] inputs;
    private final int[] lengths;
    private final DMatrixRMaj[] targets;
    private final int[][] classes;
    private final DMatrixRMaj[][] initialStates;

    private Batch(DMatrixRMaj[] inputs, int[] lengths, DMatrixRMaj[] targets, int[][] classes,
            DMatrixRMaj[][] initialStates) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("A batch needs at least one step, found 0");
        }
        int batch = inputs[0].numRows;
        for (int t = 0; t < inputs.length; t++) {
            if (inputs[t].numRows != batch || inputs[t].numCols != inputs[0].numCols) {
                throw new IllegalArgumentException("Input at step " + t + " must be " + batch + "x" + inputs[0].numCols
                        + ", found " + inputs[t].numRows + "x" + inputs[t].numCols);
            }
        }
        if (lengths != null) {
            if (lengths.length != batch) {
                throw new IllegalArgumentException("Need one length per sequence: " + batch + ", found " + lengths.length);
            }
            for (int b = 0; b < batch; b++) {
                if (lengths[b] < 1 || lengths[b] > inputs.length) {
                    throw new IllegalArgumentException("Length of sequence " + b + " must be in [1, " + inputs.length
                            + "], found " + lengths[b]);
                }
            }
        }
        if (targets != null) {
            checkTargetSteps(targets.length, inputs.length);
            for (int t = 0; t < targets.length; t++) {
                if (targets[t].numRows != batch) {
                    throw new IllegalArgumentException("Target " + t + " must have " + batch + " rows, found "
                            + targets[t].numRows);
                }
            }
        }
        if (classes != null) {
            checkTargetSteps(classes.length, inputs.length);
            for (int t = 0; t < classes.length; t++) {
                if (classes[t].length != batch) {
                    throw new IllegalArgumentException("Class targets " + t + " must have " + batch + " entries, found "
                            + classes[t].length);
                }
            }
        }
        this.inputs = inputs;
        this.lengths = lengths;
        this.targets = targets;
        this.classes = classes;
        this.initialStates = initialStates;
    }

    private static void checkTargetSteps(int found, int steps) {
        if (found != 1 && found != steps) {
            throw new IllegalArgumentException("Need one target per sequence (1 entry) or one per step (" + steps
                    + " entries), found " + found);
        }
    }

    /**
     * A batch with regression targets, for {@link Loss#MSE}.
     *
     * @param lengths each sequence's length, or null if all have {@code inputs.length} steps
     * @param targets one [batch x outputSize] matrix for {@link ReadAt#LAST}, or one per step
     */
    public static Batch regression(DMatrixRMaj[] inputs, int[] lengths, DMatrixRMaj[] targets) {
        return new Batch(inputs, lengths, targets, null, null);
    }

    /**
     * A batch with class targets, for {@link Loss#CROSS_ENTROPY}.
     *
     * @param classes {@code classes[0][b]} for {@link ReadAt#LAST}, or {@code classes[t][b]} per step; -1 unscored
     */
    public static Batch classification(DMatrixRMaj[] inputs, int[] lengths, int[][] classes) {
        return new Batch(inputs, lengths, null, classes, null);
    }

    /** Inputs only, for prediction. */
    public static Batch inputsOnly(DMatrixRMaj[] inputs, int[] lengths) {
        return new Batch(inputs, lengths, null, null, null);
    }

    /**
     * This batch starting from the given states instead of zeros.
     *
     * @param states {@code states[layer][i]} is state tensor i of that layer, [batch x width]
     */
    public Batch withInitialStates(DMatrixRMaj[][] states) {
        return new Batch(inputs, lengths, targets, classes, states);
    }

    public DMatrixRMaj[] inputs() {
        return inputs;
    }

    /** Each sequence's length, or null if every sequence has {@link #steps()} steps. */
    public int[] lengths() {
        return lengths;
    }

    /** The length of sequence b. */
    public int length(int b) {
        return lengths == null ? inputs.length : lengths[b];
    }

    public int size() {
        return inputs[0].numRows;
    }

    public int steps() {
        return inputs.length;
    }

    public int inputSize() {
        return inputs[0].numCols;
    }

    /** Regression targets, or null. */
    public DMatrixRMaj[] targets() {
        return targets;
    }

    /** Class targets, or null. */
    public int[][] classes() {
        return classes;
    }

    /** Initial states per layer, or null for zeros. */
    public DMatrixRMaj[][] initialStates() {
        return initialStates;
    }
}
