package org.rnnlab.diagnostics;

/**
 * Norms of the Jacobian products J(lag) = dh_T/dh_k, k = T - lag, of one sequence of a batch in one
 * layer: the factor by which backpropagation through time scales a gradient that travels {@code lag}
 * steps. For an Elman cell h_t = f(W_hh h_{t-1} + ...), J = prod over the steps of
 * diag(f'(z_t)) W_hh, whose norm shrinking or growing exponentially with the lag is the vanishing or
 * exploding gradient (Pascanu, Mikolov, Bengio 2013, "On the difficulty of training recurrent
 * neural networks", ICML, Eq. 5 and Section 3).
 *
 * <p>Precisely: h_T is the layer's state tensor 0 after the sequence's own T = length steps, seen
 * as a function of the whole state at step k (every state tensor) and of the inputs; J(lag) is its
 * derivative with respect to state tensor 0, h_k, with the other state tensors at step k held fixed.
 * For an LSTM that is d h_T / d h_k along every path from h_k to h_T, including those through the
 * later cell states c_{k+1}, ..., c_T, but not the derivative with respect to c_k. The layer's inputs
 * are held fixed, so the layers below do not enter. J(0) is the identity.
 *
 * <p>Exact ({@link #exact()}): J is formed whole, H x H, by one backward pass over a batch of H
 * copies of the sequence, and the spectral norm is EJML's largest singular value. Estimated
 * otherwise, from r = {@link #probes()} random orthonormal directions v_1..v_r (rows of V, uniformly
 * distributed, by QR of a Gaussian matrix): ||J||_F is estimated by sqrt(H / r) ||V J||_F, that is
 * sqrt(H · mean_j ||v_jᵀ J||²), whose square is unbiased; with A = J Jᵀ and κ = tr(A²) / tr(A)²
 * (between 1/H for J proportional to an orthogonal matrix and 1 for rank one), its square has
 * relative variance 2 H (H - r) (κ - 1/H) / (r (H - 1) (H + 2)) <= 2 (H - r) / (r (H + 2)), so the
 * estimate of ||J||_F has a relative standard deviation of about sqrt((H - r) / (2 r (H + 2))) at
 * worst (about 11% for r = 32 and H = 128), none for r = H or an orthogonal J. The spectral entry is
 * then σ_max(V J), a lower bound on ||J||_2 (equal to it for r = H).
 *
 * @param layer the layer's index, 0 at the bottom
 * @param row the sequence's row in the batch
 * @param steps T, the sequence's length; the arrays have T + 1 entries, lags 0..T
 * @param hiddenSize H, the width of h
 * @param exact whether the norms are exact
 * @param probes r, the number of directions J was applied to (H when exact)
 * @param spectral spectral[lag] = ||J(lag)||_2 when exact, else σ_max(V J(lag)) <= ||J(lag)||_2
 * @param frobenius frobenius[lag] = ||J(lag)||_F when exact, else its estimate sqrt(H / r) ||V J(lag)||_F
 */
public record JacobianNorms(int layer, int row, int steps, int hiddenSize, boolean exact, int probes,
        double[] spectral, double[] frobenius) {

    public JacobianNorms {
        spectral = spectral.clone();
        frobenius = frobenius.clone();
    }

    /** A copy. */
    @Override
    public double[] spectral() {
        return spectral.clone();
    }

    /** A copy. */
    @Override
    public double[] frobenius() {
        return frobenius.clone();
    }

    /** The spectral entry at {@code lag} in [0, T]; see {@link #spectral()}. */
    public double spectral(int lag) {
        return spectral[lag];
    }

    /** The Frobenius entry at {@code lag} in [0, T]; see {@link #frobenius()}. */
    public double frobenius(int lag) {
        return frobenius[lag];
    }
}
