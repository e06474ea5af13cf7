package org.rnnlab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.rnnlab.model.Model;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * Largest singular values, spectral radii and safe norm combinations, for matrices whose entries
 * may lie far outside [1e-150, 1e150]: each matrix is divided by its largest magnitude m before
 * EJML decomposes it and the result multiplied by m, so a Jacobian product of 1e-200 is measured as
 * accurately as one of 1.
 */
final class Spectra {
    private Spectra() {
    }

    /** Every recurrent matrix, gate block or vector of {@code model}; see {@link RecurrentSpectra.Block}. */
    static RecurrentSpectra measure(Model model) {
        List<RecurrentSpectra.Block> blocks = new ArrayList<>();
        for (int layer = 0; layer < model.cells().size(); layer++) {
            for (Parameter p : model.cells().get(layer).parameters()) {
                if (p.role() != ParameterRole.RECURRENT_WEIGHT) {
                    continue;
                }
                String name = qualifiedName(model, p);
                int rows = p.value().numRows / p.gates();
                int cols = p.value().numCols;
                for (int g = 0; g < p.gates(); g++) {
                    DMatrixRMaj block = new DMatrixRMaj(rows, cols);
                    System.arraycopy(p.value().data, g * rows * cols, block.data, 0, rows * cols);
                    String blockName = p.gates() == 1 ? name
                            : name + "[" + (p.gateNames().isEmpty() ? String.valueOf(g) : p.gateNames().get(g)) + "]";
                    if (p.isVector()) {
                        double largest = maxAbs(block);
                        blocks.add(new RecurrentSpectra.Block(blockName, layer, rows, 1, true, largest, largest));
                    } else {
                        blocks.add(new RecurrentSpectra.Block(blockName, layer, rows, cols, false, spectralRadius(block),
                                largestSingularValue(block)));
                    }
                }
            }
        }
        return new RecurrentSpectra(blocks);
    }

    /** The model's state_dict name of a cell's parameter: the named parameter sharing its buffer. */
    private static String qualifiedName(Model model, Parameter p) {
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (e.getValue().value() == p.value()) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("Parameter " + p.name() + " of a cell is not among the model's parameters");
    }

    /**
     * σ_max(a), by EJML's SVD. +Infinity if an entry is infinite (σ_max >= |a_ij|), NaN if one is
     * NaN or the decomposition fails. Not modified.
     */
    static double largestSingularValue(DMatrixRMaj a) {
        double m = maxAbs(a);
        if (!(m > 0 && m < Double.POSITIVE_INFINITY)) {
            return m;
        }
        DMatrixRMaj scaled = scaledCopy(a, m);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, false, true);
        if (!svd.decompose(scaled)) {
            return Double.NaN;
        }
        double[] values = svd.getSingularValues();
        double largest = 0;
        for (int i = 0; i < svd.numberOfSingularValues(); i++) {
            largest = Math.max(largest, values[i]);
        }
        return m * largest;
    }

    /**
     * max |λ_i(a)| over a's eigenvalues, by EJML's eigen-decomposition. NaN if a is not square,
     * has a non-finite entry, or the decomposition fails. Not modified.
     */
    static double spectralRadius(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            return Double.NaN;
        }
        double m = maxAbs(a);
        if (m == 0) {
            return 0;
        }
        if (!(m < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false);
        if (!eig.decompose(scaledCopy(a, m))) {
            return Double.NaN;
        }
        double largest = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            largest = Math.max(largest, eig.getEigenvalue(i).getMagnitude());
        }
        return m * largest;
    }

    /** The largest |a_ij|, NaN if any entry is NaN. Not modified. */
    static double maxAbs(DMatrixRMaj a) {
        double max = 0;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            max = Math.max(max, Math.abs(a.data[i]));
        }
        return max;
    }

    /**
     * sqrt(sum of n_i^2) of non-negative norms, without overflow or underflow: the norm of the
     * concatenation of tensors whose norms are n_i. NaN if one is NaN.
     */
    static double rootSumSquare(double[] norms) {
        double max = 0;
        for (double n : norms) {
            max = Math.max(max, n);
        }
        if (!(max > 0 && max < Double.POSITIVE_INFINITY)) {
            return max;
        }
        double sum = 0;
        for (double n : norms) {
            double x = n / max;
            sum += x * x;
        }
        return max * Math.sqrt(sum);
    }

    /** a / m, element-wise, in a new matrix; divides rather than multiplying by 1 / m, which overflows for a subnormal m. */
    private static DMatrixRMaj scaledCopy(DMatrixRMaj a, double m) {
        DMatrixRMaj s = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            s.data[i] = a.data[i] / m;
        }
        return s;
    }
}
