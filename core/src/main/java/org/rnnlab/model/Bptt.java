package org.rnnlab.model;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.kernels.Kernels;

/**
 * Backpropagation through time for one {@link Model}: the forward pass keeping what backward needs,
 * the loss, and the backward pass adding into the parameters' gradients. Full BPTT is
 * {@link #lossAndGradients(Batch)}; truncated BPTT is {@link #truncated(Batch, int, int, SegmentEnd)}.
 *
 * <p>Buffers are sized once per (batch size, steps) and reused: the time loop allocates nothing.
 * After a backward pass, {@link #layer(int)} exposes dL/dh_t of every layer and step.
 * Not thread-safe; one per thread, sharing the model's parameters read-only during forward.
 *
 * <p>The loss is averaged over every scored output of the whole batch, as PyTorch's mean
 * reduction, also when it is computed a segment at a time, so the segments' losses add up to the
 * batch's loss.
 */
public final class Bptt {
    private final Model model;
    private final RecurrentLayer[] layers;
    private final int outputSize;
    private final int topSize;

    private Batch batch;
    private int size = -1;
    private int steps = -1;
    private double normalizer;

    /**
     * dL/d output_t of the top layer. Read at the last step, a step scores only where some sequence
     * ends, so every other step shares {@link #unscored}, one zero matrix that nothing writes, and a
     * step gets its own matrix the first time a sequence ends there: for an lstm of 512 units over
     * 100 steps of a batch of 32, 13 MB less.
     */
    private DMatrixRMaj[] topGradients;
    private DMatrixRMaj unscored;
    private DMatrixRMaj[] logits;
    private DMatrixRMaj stepGradient;
    private final double[] rowLogits;
    private final double[] rowGradient;

    /** Called after each segment of truncated BPTT, when its gradients are complete: the trainer updates there. */
    @FunctionalInterface
    public interface SegmentEnd {
        /**
         * @param from first step of the segment
         * @param to one past its last step
         * @param loss the segment's share of the batch loss
         */
        void afterSegment(int from, int to, double loss);
    }

    public Bptt(Model model) {
        this.model = Objects.requireNonNull(model, "model");
        this.layers = new RecurrentLayer[model.cells().size()];
        for (int k = 0; k < layers.length; k++) {
            layers[k] = new RecurrentLayer(model.cells().get(k));
        }
        this.outputSize = model.spec().outputSize();
        this.topSize = model.cells().get(layers.length - 1).outputSize();
        this.rowLogits = new double[outputSize];
        this.rowGradient = new double[outputSize];
    }

    public Model model() {
        return model;
    }

    /**
     * Whether backward computes dL/d the model's inputs (the first layer's input gradients; the
     * default). Training never reads them, so {@link org.rnnlab.training.Trainer} turns them off; see
     * {@link RecurrentLayer#setInputGradientsNeeded}.
     */
    public void setInputGradientsNeeded(boolean needed) {
        layers[0].setInputGradientsNeeded(needed);
    }

    /**
     * Whether backward keeps every step's state gradient in every layer (the default), for readers
     * after backward such as the gradient-flow diagnostics; see
     * {@link RecurrentLayer#setStateGradientsKept}. {@link org.rnnlab.training.Trainer} keeps them
     * only for the updates whose listeners or regularizers read them.
     */
    public void setStateGradientsKept(boolean kept) {
        for (RecurrentLayer layer : layers) {
            layer.setStateGradientsKept(kept);
        }
    }

    /** Layer k's unrolled state: states, outputs and, after backward, dL/d state for every step. */
    public RecurrentLayer layer(int k) {
        return layers[k];
    }

    /** The batch of the last pass ({@link #begin} and every method that calls it), or null before the first. */
    public Batch batch() {
        return batch;
    }

    /**
     * dL/d output_t of the top layer (0-based step t) as the loss set it: the readout's gradient
     * flowing into the top layer, [batch x top layer's outputSize], zero at steps that score nothing.
     * Valid for the steps of the last {@link #loss(int, int, boolean) loss} with gradients; a live
     * buffer, overwritten by the next one, and read-only: read at the last step, the steps that score
     * nothing share one zero matrix.
     */
    public DMatrixRMaj outputGradient(int t) {
        if (topGradients == null) {
            throw new IllegalStateException("outputGradient needs a pass with gradients first");
        }
        return topGradients[t];
    }

    /** Forward over the whole batch and its loss, without gradients. */
    public double loss(Batch b) {
        begin(b);
        forward(0, steps);
        return loss(0, steps, false);
    }

    /** Forward only, for predictions; the batch needs no targets. */
    public void forward(Batch b) {
        begin(b);
        forward(0, steps);
        computeLogits(0, steps);
    }

    /**
     * Full BPTT: forward, loss, backward. Gradients are added to the parameters' gradient buffers
     * (zero them first with {@link Model#zeroGradients()}).
     *
     * @return the batch's mean loss
     */
    public double lossAndGradients(Batch b) {
        begin(b);
        forward(0, steps);
        double loss = loss(0, steps, true);
        backward(steps, 0);
        return loss;
    }

    /**
     * Truncated BPTT (Williams and Peng 1990): every {@code k1} steps, the losses of those steps are
     * backpropagated {@code k2} steps back, and {@code segmentEnd} is called (the trainer updates the
     * weights there, so later segments run forward with the new weights). The state is carried
     * across segments. With k1 = k2 = T this is full BPTT.
     *
     * @return the batch's mean loss (the segments' losses added)
     */
    public double truncated(Batch b, int k1, int k2, SegmentEnd segmentEnd) {
        if (k1 < 1 || k2 < 1) {
            throw new IllegalArgumentException("k1 and k2 must be >= 1, found k1 " + k1 + " and k2 " + k2);
        }
        begin(b);
        double total = 0;
        for (int from = 0; from < steps; from += k1) {
            int to = Math.min(steps, from + k1);
            forward(from, to);
            double segmentLoss = loss(from, to, true);
            int back = Math.max(0, to - k2);
            // Earlier segments' losses were sent back at their own updates; only this segment's go now.
            for (int t = back; t < from; t++) {
                zeroTopGradient(t);
            }
            backward(to, back);
            total += segmentLoss;
            segmentEnd.afterSegment(from, to, segmentLoss);
        }
        return total;
    }

    /** Prepares a pass over {@code b}; nothing runs yet. */
    public void begin(Batch b) {
        if (b.inputSize() != model.spec().inputSize()) {
            throw new IllegalArgumentException("Batch inputs have " + b.inputSize() + " features per step; the model takes "
                    + model.spec().inputSize());
        }
        resize(b.size(), b.steps());
        this.batch = b;
        DMatrixRMaj[][] initial = b.initialStates();
        if (initial != null && initial.length != layers.length) {
            throw new IllegalArgumentException("Need initial states for " + layers.length + " layers, found " + initial.length);
        }
        DMatrixRMaj[] inputs = b.inputs();
        for (int k = 0; k < layers.length; k++) {
            layers[k].begin(inputs, b.lengths(), initial == null ? null : initial[k]);
            inputs = layers[k].outputs();
        }
        normalizer = countScored(b);
    }

    /** Runs steps [from, to) of every layer, bottom first. */
    public void forward(int from, int to) {
        for (RecurrentLayer layer : layers) {
            layer.forward(from, to);
        }
    }

    /**
     * The loss of the outputs scored in steps [from, to), as a share of the batch's mean loss.
     *
     * @param gradients whether to add the readout's gradients and set the top layer's output
     *     gradients for these steps, ready for {@link #backward(int, int)}
     */
    public double loss(int from, int to, boolean gradients) {
        computeLogits(from, to);
        if (gradients) {
            for (int t = from; t < to; t++) {
                zeroTopGradient(t);
            }
        }
        return model.spec().readAt() == ReadAt.LAST ? lastStepLoss(from, to, gradients) : everyStepLoss(from, to, gradients);
    }

    /** Backward through steps to-1 down to {@code from} of every layer, top first; dL/d state(to) taken as zero. */
    public void backward(int to, int from) {
        DMatrixRMaj[] outputGradients = topGradients;
        for (int k = layers.length - 1; k >= 0; k--) {
            layers[k].backward(to, from, outputGradients, null);
            if (k > 0) {
                outputGradients = layers[k].inputGradients();
            }
        }
    }

    /**
     * The readout's outputs after a forward pass: one [batch x outputSize] matrix for
     * {@link ReadAt#LAST}, one per step for {@link ReadAt#EVERY} (zero past a sequence's end).
     * Live buffers, overwritten by the next pass.
     */
    public DMatrixRMaj[] predictions() {
        return logits;
    }

    private void computeLogits(int from, int to) {
        DMatrixRMaj w = model.readoutWeight().value();
        DMatrixRMaj bias = model.readoutBias().value();
        RecurrentLayer top = layers[layers.length - 1];
        if (model.spec().readAt() == ReadAt.EVERY) {
            for (int t = from; t < to; t++) {
                Kernels.multTransB(top.output(t), w, logits[t]);
                Kernels.addRowVector(bias, logits[t]);
                for (int b = 0; b < size; b++) {
                    if (t >= batch.length(b)) {
                        Kernels.zeroRow(logits[t], b);
                    }
                }
            }
            return;
        }
        DMatrixRMaj out = logits[0];
        for (int b = 0; b < size; b++) {
            int last = batch.length(b) - 1;
            if (last >= from && last < to) {
                double[] h = top.output(last).data;
                int hBase = b * topSize;
                for (int o = 0; o < outputSize; o++) {
                    double sum = bias.data[o];
                    int wBase = o * topSize;
                    for (int j = 0; j < topSize; j++) {
                        sum += w.data[wBase + j] * h[hBase + j];
                    }
                    out.data[b * outputSize + o] = sum;
                }
            }
        }
    }

    private double lastStepLoss(int from, int to, boolean gradients) {
        RecurrentLayer top = layers[layers.length - 1];
        DMatrixRMaj w = model.readoutWeight().value();
        DMatrixRMaj dw = model.readoutWeight().gradient();
        DMatrixRMaj db = model.readoutBias().gradient();
        double loss = 0;
        for (int b = 0; b < size; b++) {
            int last = batch.length(b) - 1;
            if (last < from || last >= to) {
                continue;
            }
            System.arraycopy(logits[0].data, b * outputSize, rowLogits, 0, outputSize);
            loss += rowLoss(0, b, rowLogits, rowGradient);
            if (gradients) {
                double[] h = top.output(last).data;
                double[] dh = scoredTopGradient(last).data;
                int hBase = b * topSize;
                for (int o = 0; o < outputSize; o++) {
                    double g = rowGradient[o];
                    if (g == 0) {
                        continue;
                    }
                    db.data[o] += g;
                    int wBase = o * topSize;
                    for (int j = 0; j < topSize; j++) {
                        dw.data[wBase + j] += g * h[hBase + j];
                        dh[hBase + j] += g * w.data[wBase + j];
                    }
                }
            }
        }
        return loss;
    }

    private double everyStepLoss(int from, int to, boolean gradients) {
        RecurrentLayer top = layers[layers.length - 1];
        double loss = 0;
        for (int t = from; t < to; t++) {
            double[] stepLogits = logits[t].data;
            for (int b = 0; b < size; b++) {
                if (t >= batch.length(b)) {
                    java.util.Arrays.fill(stepGradient.data, b * outputSize, (b + 1) * outputSize, 0.0);
                    continue;
                }
                System.arraycopy(stepLogits, b * outputSize, rowLogits, 0, outputSize);
                loss += rowLoss(t, b, rowLogits, rowGradient);
                System.arraycopy(rowGradient, 0, stepGradient.data, b * outputSize, outputSize);
            }
            if (gradients) {
                Kernels.multAddTransA(stepGradient, top.output(t), model.readoutWeight().gradient());
                Kernels.addColumnSums(stepGradient, model.readoutBias().gradient());
                Kernels.mult(stepGradient, model.readoutWeight().value(), topGradients[t]);
            }
        }
        return loss;
    }

    /**
     * The loss of one scored output, divided by the batch's normalizer, and its gradient with respect
     * to the logits (zero for an unscored output).
     *
     * @param step index into the targets (0 for {@link ReadAt#LAST})
     */
    private double rowLoss(int step, int b, double[] y, double[] dy) {
        if (model.spec().loss() == Loss.MSE) {
            DMatrixRMaj target = batch.targets()[step];
            double sum = 0;
            for (int o = 0; o < outputSize; o++) {
                double diff = y[o] - target.data[b * outputSize + o];
                sum += diff * diff;
                dy[o] = 2 * diff / normalizer;
            }
            return sum / normalizer;
        }
        int c = batch.classes()[step][b];
        if (c < 0) {
            java.util.Arrays.fill(dy, 0.0);
            return 0;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < outputSize; o++) {
            max = Math.max(max, y[o]);
        }
        double sum = 0;
        for (int o = 0; o < outputSize; o++) {
            sum += Math.exp(y[o] - max);
        }
        double logSumExp = max + Math.log(sum);
        for (int o = 0; o < outputSize; o++) {
            dy[o] = (Math.exp(y[o] - logSumExp) - (o == c ? 1 : 0)) / normalizer;
        }
        return (logSumExp - y[c]) / normalizer;
    }

    /** Zeroes the top layer's output gradient at step t, unless it is the shared zero, which stays zero. */
    private void zeroTopGradient(int t) {
        if (topGradients[t] != unscored) {
            Kernels.zero(topGradients[t]);
        }
    }

    /**
     * The top layer's output gradient at step t, for the loss to add to: its own matrix, made (zero)
     * the first time a sequence ends at t, instead of the shared {@link #unscored}.
     */
    private DMatrixRMaj scoredTopGradient(int t) {
        if (topGradients[t] == unscored) {
            topGradients[t] = new DMatrixRMaj(size, topSize);
        }
        return topGradients[t];
    }

    /** The number of scored outputs (times outputSize for MSE): PyTorch's mean divides by it. */
    private double countScored(Batch b) {
        ModelSpec spec = model.spec();
        boolean hasTargets = b.targets() != null || b.classes() != null;
        if (!hasTargets) {
            return 1;
        }
        int expectedSteps = spec.readAt() == ReadAt.LAST ? 1 : b.steps();
        if (spec.loss() == Loss.MSE) {
            if (b.targets() == null) {
                throw new IllegalArgumentException("The model's loss is mse; the batch has class targets instead of values");
            }
            if (b.targets().length != expectedSteps) {
                throw new IllegalArgumentException("The model is read at " + spec.readAt().specName() + " step; need "
                        + expectedSteps + " target matrices, found " + b.targets().length);
            }
            for (DMatrixRMaj target : b.targets()) {
                if (target.numCols != outputSize) {
                    throw new IllegalArgumentException("Targets must have " + outputSize + " columns, found " + target.numCols);
                }
            }
            long positions = 0;
            for (int row = 0; row < size; row++) {
                positions += spec.readAt() == ReadAt.LAST ? 1 : b.length(row);
            }
            return (double) positions * outputSize;
        }
        if (b.classes() == null) {
            throw new IllegalArgumentException("The model's loss is cross_entropy; the batch has values instead of class targets");
        }
        if (b.classes().length != expectedSteps) {
            throw new IllegalArgumentException("The model is read at " + spec.readAt().specName() + " step; need "
                    + expectedSteps + " class target arrays, found " + b.classes().length);
        }
        long scored = 0;
        for (int t = 0; t < expectedSteps; t++) {
            for (int row = 0; row < size; row++) {
                int c = b.classes()[t][row];
                if (c < -1 || c >= outputSize) {
                    throw new IllegalArgumentException("Class target of sequence " + row + " at step " + t
                            + " must be in [0, " + outputSize + ") or -1 for none, found " + c);
                }
                boolean inside = spec.readAt() == ReadAt.LAST || t < b.length(row);
                if (c >= 0 && inside) {
                    scored++;
                }
            }
        }
        return Math.max(1, scored);
    }

    private void resize(int newSize, int newSteps) {
        if (newSize == size && newSteps == steps) {
            return;
        }
        size = newSize;
        steps = newSteps;
        topGradients = new DMatrixRMaj[steps];
        unscored = new DMatrixRMaj(size, topSize);
        boolean everyStep = model.spec().readAt() == ReadAt.EVERY;
        for (int t = 0; t < steps; t++) {
            topGradients[t] = everyStep ? new DMatrixRMaj(size, topSize) : unscored;
        }
        int logitSteps = model.spec().readAt() == ReadAt.LAST ? 1 : steps;
        logits = new DMatrixRMaj[logitSteps];
        for (int t = 0; t < logitSteps; t++) {
            logits[t] = new DMatrixRMaj(size, outputSize);
        }
        stepGradient = new DMatrixRMaj(size, outputSize);
    }
}
