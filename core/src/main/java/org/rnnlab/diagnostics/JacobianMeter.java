package org.rnnlab.diagnostics;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.kernels.Norms;
import org.rnnlab.model.Bptt;
import org.rnnlab.spi.Cell;

/**
 * Measures {@link JacobianNorms}: replicates one sequence of a layer r times into a batch of its
 * own, runs it forward on a fresh {@link RecurrentLayer} of the same cell, and backward from
 * dL/dh_T = V (r x H, identity when exact) with every output's gradient zero, so that
 * stateGradient(k)[0] = V dh_T/dh_k. The backward pass adds into the cell's parameter gradients;
 * they are copied first and written back after, so they end bit for bit as they were. The
 * {@link Bptt} read from is not modified.
 */
final class JacobianMeter {
    private JacobianMeter() {
    }

    /**
     * @param probes r, directions to apply J to; H gives the identity, the exact Jacobian
     * @param random draws the directions when r &lt; H; unused otherwise
     */
    static JacobianNorms measure(Bptt bptt, int layerIndex, int row, int probes, RandomGenerator random) {
        int layerCount = bptt.model().cells().size();
        if (layerIndex < 0 || layerIndex >= layerCount) {
            throw new IllegalArgumentException("layer must be in [0, " + layerCount + "), found " + layerIndex);
        }
        RecurrentLayer source = bptt.layer(layerIndex);
        if (source.steps() < 1) {
            throw new IllegalStateException("The Jacobian norms need a Bptt after a forward pass; this one has run no pass");
        }
        if (row < 0 || row >= source.batch()) {
            throw new IllegalArgumentException("row must be in [0, " + source.batch() + "), found " + row);
        }
        Cell cell = source.cell();
        int hidden = cell.stateSize(0);
        if (probes < 1 || probes > hidden) {
            throw new IllegalArgumentException("probes must be in [1, " + hidden + "], found " + probes);
        }
        boolean exact = probes == hidden;
        int steps = source.length(row);

        DMatrixRMaj[] inputs = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            inputs[t] = replicate(source.input(t), row, probes);
        }
        int stateCount = cell.stateNames().size();
        DMatrixRMaj[] initial = new DMatrixRMaj[stateCount];
        DMatrixRMaj[] seed = new DMatrixRMaj[stateCount];
        for (int i = 0; i < stateCount; i++) {
            initial[i] = replicate(source.state(0)[i], row, probes);
            seed[i] = new DMatrixRMaj(probes, cell.stateSize(i));
        }
        seed[0] = exact ? identity(hidden) : orthonormalRows(probes, hidden, random);

        double[] spectral = new double[steps + 1];
        double[] frobenius = new double[steps + 1];
        double scale = Math.sqrt((double) hidden / probes);
        List<org.rnnlab.spi.Parameter> parameters = cell.parameters();
        SavedGradients saved = SavedGradients.of(parameters);
        try {
            RecurrentLayer replica = new RecurrentLayer(cell);
            replica.forward(inputs, null, initial);
            replica.backward(new DMatrixRMaj[steps], seed);
            for (int lag = 0; lag <= steps; lag++) {
                DMatrixRMaj vj = replica.stateGradient(steps - lag)[0];
                frobenius[lag] = exact ? Norms.of(vj) : scale * Norms.of(vj);
                spectral[lag] = Spectra.largestSingularValue(vj);
            }
        } finally {
            saved.restore();
        }
        return new JacobianNorms(layerIndex, row, steps, hidden, exact, probes, spectral, frobenius);
    }

    /** {@code copies} rows, each row {@code row} of m. */
    private static DMatrixRMaj replicate(DMatrixRMaj m, int row, int copies) {
        DMatrixRMaj r = new DMatrixRMaj(copies, m.numCols);
        for (int i = 0; i < copies; i++) {
            System.arraycopy(m.data, row * m.numCols, r.data, i * m.numCols, m.numCols);
        }
        return r;
    }

    private static DMatrixRMaj identity(int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            m.data[i * n + i] = 1;
        }
        return m;
    }

    /**
     * r orthonormal rows spanning a uniformly distributed r-dimensional subspace of R^n: Q of the QR
     * decomposition of an n x r standard Gaussian matrix, transposed. The estimators depend on the
     * rows only through that subspace, so Q's signs do not matter.
     */
    private static DMatrixRMaj orthonormalRows(int r, int n, RandomGenerator random) {
        DMatrixRMaj gaussian = new DMatrixRMaj(n, r);
        for (int i = 0; i < gaussian.data.length; i++) {
            gaussian.data[i] = random.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, r);
        if (!qr.decompose(gaussian)) {
            throw new IllegalStateException("QR of a Gaussian " + n + "x" + r + " matrix failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj rows = new DMatrixRMaj(r, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < r; j++) {
                rows.data[j * n + i] = q.data[i * r + j];
            }
        }
        return rows;
    }
}
