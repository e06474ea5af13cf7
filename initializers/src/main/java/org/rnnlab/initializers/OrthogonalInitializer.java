package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * A random orthogonal matrix times {@code gain}, drawn from the Haar measure: the QR decomposition
 * G = QR of a matrix G of independent N(0, 1) entries, with the signs fixed by
 * Q &larr; Q diag(sign(diag R)). Without that correction Q would depend on the sign convention of the
 * QR routine and would not be uniformly distributed (Mezzadri 2007, "How to generate random matrices
 * from the classical compact groups"). Orthogonal recurrent weights keep every singular value of the
 * linear part of the recurrence at 1, so gradients neither vanish nor explode through it at the start
 * of training (Saxe, McClelland and Ganguli 2014, "Exact solutions to the nonlinear dynamics of
 * learning in deep linear neural networks").
 *
 * <p>A block of r rows and c columns gets orthonormal columns (Q<sup>T</sup>Q = gain<sup>2</sup> I)
 * when r &ge; c, and orthonormal rows (QQ<sup>T</sup> = gain<sup>2</sup> I) when r &lt; c, from the
 * factorization of its transpose.
 *
 * <p>A gated tensor, such as an LSTM's [4H x H] {@code weight_hh}, gets an independent orthogonal
 * matrix in each gate block, so every gate's recurrence is orthogonal on its own. PyTorch's
 * {@code nn.init.orthogonal_} and Keras's {@code Orthogonal} treat the stacked tensor as one matrix
 * instead: its columns are orthonormal as a whole and no gate block is orthogonal. Weights moved from
 * those libraries therefore differ in kind, not only in value.
 *
 * <p>Vectors are refused. Random numbers are drawn block by block, top block first, each block's
 * Gaussian matrix (or its transpose, for a wide block) in row-major order.
 */
public final class OrthogonalInitializer extends AbstractInitializer {
    static final String NAME = "orthogonal";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("gain", 1.0, Range.greaterThan(0), "factor applied to the orthogonal matrix"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final double gain;

    /** The plugin at its defaults: gain 1. */
    public OrthogonalInitializer() {
        this(DEFAULTS);
    }

    private OrthogonalInitializer(Params params) {
        super(NAME, "Haar-random orthogonal matrix (QR of a Gaussian) times gain, per gate block", PARAMETERS,
                params);
        this.gain = params.getDouble("gain");
    }

    @Override
    public Initializer configure(Params params) {
        return new OrthogonalInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        InitializerSupport.refuseVector(NAME, target, context);
        InitializerSupport.forEachGateBlock(NAME, target, context, block -> fillOrthogonal(block, random));
    }

    private void fillOrthogonal(DMatrixRMaj block, RandomGenerator random) {
        boolean wide = block.numRows < block.numCols;
        int tall = Math.max(block.numRows, block.numCols);
        int narrow = Math.min(block.numRows, block.numCols);
        DMatrixRMaj gaussian = new DMatrixRMaj(tall, narrow);
        InitializerSupport.fillNormal(gaussian, 0, 1, random);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(tall, narrow);
        if (!qr.decompose(gaussian)) {
            throw new IllegalStateException("The QR decomposition of a " + tall + "x" + narrow + " Gaussian matrix failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int j = 0; j < narrow; j++) {
            // sign(0) is taken as +1: a zero on R's diagonal has probability zero, and must not zero a column.
            double factor = r.get(j, j) < 0 ? -gain : gain;
            for (int i = 0; i < tall; i++) {
                q.set(i, j, factor * q.get(i, j));
            }
        }
        if (wide) {
            CommonOps_DDRM.transpose(q, block);
        } else {
            block.setTo(q);
        }
    }
}
