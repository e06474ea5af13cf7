package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * The "smart" initialization of Pascanu, Mikolov and Bengio 2013 ("On the difficulty of training
 * recurrent neural networks"): the sparse initialization of Martens 2010 ("Deep learning via
 * Hessian-free optimization"), in which each unit has exactly k nonzero incoming weights drawn from a
 * Gaussian, then rescaled so that the spectral radius is rho. Their values, k = 15 and rho = 0.95, are
 * the defaults. With a fixed number of inputs per unit, the scale of a unit's input does not grow with
 * the width of the layer, and a radius just below 1 starts the recurrence near the edge between
 * vanishing and exploding gradients.
 *
 * <p>In PyTorch's [out x in] layout a unit's incoming weights are its row, so each row of each gate
 * block gets exactly min(k, cols) nonzero entries, in columns chosen uniformly without replacement,
 * with N(0, 1) values (their scale does not matter, the rescaling sets it). Each gate block is then
 * rescaled on its own. Vectors and non-square blocks are refused, as eigenvalues need square blocks.
 */
public final class SparseSpectralInitializer extends AbstractInitializer {
    static final String NAME = "sparse_spectral";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofInt("nonzero", 15, Range.atLeast(1), "nonzero incoming weights of each unit (row)"),
            ParamSpec.ofDouble("radius", 0.95, Range.greaterThan(0), "spectral radius of every gate block"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final int nonzero;
    private final double radius;

    /** The plugin at its defaults: 15 nonzero weights per row, radius 0.95. */
    public SparseSpectralInitializer() {
        this(DEFAULTS);
    }

    private SparseSpectralInitializer(Params params) {
        super(NAME, "k Gaussian weights per row, rescaled to a spectral radius (Pascanu et al. 2013)", PARAMETERS,
                params);
        this.nonzero = params.getInt("nonzero");
        this.radius = params.getDouble("radius");
    }

    @Override
    public Initializer configure(Params params) {
        return new SparseSpectralInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        InitializerSupport.fillSquareBlocksWithRadius(NAME, target, context, radius,
                block -> fillSparse(block, random));
    }

    private void fillSparse(DMatrixRMaj block, RandomGenerator random) {
        block.zero();
        int cols = block.numCols;
        int perRow = Math.min(nonzero, cols);
        int[] columns = new int[cols];
        for (int row = 0; row < block.numRows; row++) {
            for (int c = 0; c < cols; c++) {
                columns[c] = c;
            }
            // The first perRow steps of a Fisher-Yates shuffle: perRow distinct columns, uniformly.
            for (int k = 0; k < perRow; k++) {
                int pick = k + random.nextInt(cols - k);
                int column = columns[pick];
                columns[pick] = columns[k];
                columns[k] = column;
                block.set(row, column, nonzeroGaussian(random));
            }
        }
    }

    /** A standard normal draw other than 0, so that every row has exactly its count of nonzeros. */
    private static double nonzeroGaussian(RandomGenerator random) {
        double v;
        do {
            v = random.nextGaussian();
        } while (v == 0.0);
        return v;
    }
}
