package org.rnnlab.diagnostics;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.Model;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * Measurements of gradient flow through time (Bengio, Simard, Frasconi 1994; Pascanu, Mikolov,
 * Bengio 2013, "On the difficulty of training recurrent neural networks", ICML): what each number
 * means is said by its record, {@link GradientFlow}, {@link JacobianNorms}, {@link LongTermShare} and
 * {@link RecurrentSpectra}.
 *
 * <p>None of them changes what training does. The gradient flow only reads the {@link Bptt}'s
 * buffers. The Jacobian norms and the long-term share run backward passes of their own, on buffers
 * of their own; those passes add into the parameters' gradients, which are copied before and written
 * back after, bit for bit, so a {@link org.rnnlab.training.TrainingListener} may call every method
 * here from {@code onGradients}, in any order, and the update that follows is the one it would have
 * been. They read the current parameter values: call them before the update. Not thread-safe with
 * anything that uses the same model's gradients at the same time.
 *
 * <pre>{@code
 * Trainer.builder(model, optimizer).listener(new TrainingListener() {
 *     public void onGradients(long update, Bptt bptt) {
 *         if (update % 100 == 0) {
 *             GradientFlow flow = Diagnostics.gradientFlow(bptt);          // ||dL/dh_t||, t = 0..T
 *             JacobianNorms j = Diagnostics.jacobianNorms(bptt, 0, 0, random); // ||dh_T/dh_k|| by lag
 *             LongTermShare share = Diagnostics.longTermShare(bptt, 10, 50);  // O(T²) cell steps
 *             RecurrentSpectra spectra = Diagnostics.recurrentSpectra(bptt.model());
 *         }
 *     }
 * }).build().train(data);
 * }</pre>
 *
 * <p>After truncated BPTT, a Bptt's buffers hold the last segment only: the gradient flow is current
 * for the steps that segment backpropagated through, and the long-term share decomposes the gradient
 * that full BPTT would compute on the whole batch.
 */
public final class Diagnostics {
    /** Up to this width of h, {@link #jacobianNorms} forms the Jacobians whole. */
    public static final int EXACT_JACOBIAN_MAX_HIDDEN = 64;
    /** The number of random directions {@link #jacobianNorms} applies a wider Jacobian to. */
    public static final int DEFAULT_PROBES = 32;

    private Diagnostics() {
    }

    /**
     * ||dL/dh_t|| for every layer and step t = 0..T, read off {@code bptt} after its backward pass.
     *
     * @param bptt after {@link Bptt#lossAndGradients}. Not modified.
     */
    public static GradientFlow gradientFlow(Bptt bptt) {
        return FlowMeter.measure(bptt);
    }

    /**
     * ||dh_T/dh_k|| by lag T - k for sequence {@code row} of layer {@code layer}: exact when h has at
     * most {@value #EXACT_JACOBIAN_MAX_HIDDEN} units, else estimated from {@value #DEFAULT_PROBES}
     * random orthonormal directions (Frobenius norm to a relative standard deviation of at most
     * sqrt((H - 32) / (64 (H + 2))), under 12.5%; spectral entry a lower bound). See {@link JacobianNorms}.
     *
     * @param bptt after a forward pass (any method of it that runs one); its buffers are not modified
     * @param random draws the directions; not used when exact
     */
    public static JacobianNorms jacobianNorms(Bptt bptt, int layer, int row, RandomGenerator random) {
        int hidden = hiddenSize(bptt, layer);
        if (hidden <= EXACT_JACOBIAN_MAX_HIDDEN) {
            return exactJacobianNorms(bptt, layer, row);
        }
        return estimatedJacobianNorms(bptt, layer, row, DEFAULT_PROBES, random);
    }

    /** The Jacobians formed whole: H backward passes' worth of work, in one batch of H. See {@link JacobianNorms}. */
    public static JacobianNorms exactJacobianNorms(Bptt bptt, int layer, int row) {
        return JacobianMeter.measure(bptt, layer, row, hiddenSize(bptt, layer), null);
    }

    /**
     * The Jacobians applied to {@code probes} random orthonormal directions; the Frobenius norm is
     * estimated and the spectral entry is a lower bound, as {@link JacobianNorms} says. With
     * {@code probes} = H both are exact.
     *
     * @param probes in [1, H]
     */
    public static JacobianNorms estimatedJacobianNorms(Bptt bptt, int layer, int row, int probes, RandomGenerator random) {
        return JacobianMeter.measure(bptt, layer, row, probes, java.util.Objects.requireNonNull(random, "random"));
    }

    /**
     * The recurrent weights' gradient on the batch {@code bptt} last ran, split by lag. See
     * {@link #longTermShare(Model, Batch, int...)}.
     */
    public static LongTermShare longTermShare(Bptt bptt, int... thresholds) {
        if (bptt.batch() == null) {
            throw new IllegalStateException("The long-term share needs a Bptt that has run a batch; this one has run none");
        }
        return longTermShare(bptt.model(), bptt.batch(), thresholds);
    }

    /**
     * The gradient of every recurrent weight of {@code model} on {@code batch}, split by lag, with the
     * share above each threshold: one backward pass per loss time, O(T²) cell steps for a loss read
     * at every step. The parameters' gradients are left as they were.
     *
     * @param batch with targets. Not modified.
     * @param thresholds lags L >= 0 for which to measure ||sum over lags &gt; L of G_L||; any order,
     *     repeats ignored
     */
    public static LongTermShare longTermShare(Model model, Batch batch, int... thresholds) {
        int[] sorted = Arrays.stream(thresholds).sorted().distinct().toArray();
        for (int t : sorted) {
            if (t < 0) {
                throw new IllegalArgumentException("thresholds must be >= 0, found " + t);
            }
        }
        List<Parameter> recurrent = model.namedParameters().values().stream()
                .filter(p -> p.role() == ParameterRole.RECURRENT_WEIGHT).toList();
        ShareAccumulator accumulator = new ShareAccumulator(sorted, batch.steps(), recurrent);
        int lags = LagDecomposition.run(model, batch, accumulator);
        return accumulator.finish(lags);
    }

    /**
     * Hands every term G_L of every recurrent weight's gradient on {@code batch} to {@code consumer},
     * lag by lag from 0; their sum over L is the weight's gradient from full BPTT, to rounding. The
     * parameters' gradients are left as they were.
     *
     * @param batch with targets. Not modified.
     * @return the number of lags delivered: the last loss time plus one
     */
    public static int lagTerms(Model model, Batch batch, LagTermConsumer consumer) {
        return LagDecomposition.run(model, batch, java.util.Objects.requireNonNull(consumer, "consumer"));
    }

    /** Spectral radius and largest singular value of every recurrent matrix, gate block and vector. Not modified. */
    public static RecurrentSpectra recurrentSpectra(Model model) {
        return Spectra.measure(model);
    }

    /**
     * max |λ_i(m)|, by EJML's eigen-decomposition, scaled so that entries far from 1 lose nothing; NaN
     * if m is not square or not finite.
     *
     * @param m Not modified.
     */
    public static double spectralRadius(DMatrixRMaj m) {
        return Spectra.spectralRadius(m);
    }

    /**
     * σ_max(m), the spectral norm, by EJML's SVD, scaled as {@link #spectralRadius}; NaN if an entry
     * is NaN, +Infinity if one is infinite.
     *
     * @param m Not modified.
     */
    public static double largestSingularValue(DMatrixRMaj m) {
        return Spectra.largestSingularValue(m);
    }

    private static int hiddenSize(Bptt bptt, int layer) {
        int layers = bptt.model().cells().size();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer must be in [0, " + layers + "), found " + layer);
        }
        return bptt.model().cells().get(layer).stateSize(0);
    }
}
