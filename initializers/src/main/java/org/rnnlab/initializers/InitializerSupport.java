package org.rnnlab.initializers;

import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rnnlab.spi.InitContext;

/**
 * The pieces several initializers share: sampling, gate-block iteration, spectral radius, and the
 * wording of refusals, so that every plugin refuses a shape in the same words.
 */
final class InitializerSupport {
    private InitializerSupport() {
    }

    /** The tensor's shape as messages write it: {@code 7x3} for a matrix, {@code [9]} for a vector. */
    static String shapeOf(DMatrixRMaj target, InitContext context) {
        return context.vector() ? "[" + target.getNumElements() + "]" : target.numRows + "x" + target.numCols;
    }

    /** Throws unless the tensor is a matrix: fans, orthogonality and eigenvalues mean nothing for a vector. */
    static void refuseVector(String plugin, DMatrixRMaj target, InitContext context) {
        if (context.vector()) {
            throw new IllegalArgumentException(plugin + " needs a matrix, found a vector " + shapeOf(target, context)
                    + "; initialize vectors with zeros, constant, uniform, normal or identity");
        }
    }

    /** The rows of one gate block, after checking that the gates split the rows evenly. */
    static int blockRows(String plugin, DMatrixRMaj target, InitContext context) {
        if (target.numRows % context.gates() != 0) {
            throw new IllegalArgumentException(plugin + " cannot split " + shapeOf(target, context) + " into "
                    + context.gates() + " gate blocks of equal rows");
        }
        return target.numRows / context.gates();
    }

    /** Throws unless every gate block is square, as eigenvalues need. Vectors are refused first. */
    static void requireSquareBlocks(String plugin, DMatrixRMaj target, InitContext context) {
        refuseVector(plugin, target, context);
        int blockRows = blockRows(plugin, target, context);
        if (blockRows == target.numCols) {
            return;
        }
        if (context.gates() == 1) {
            throw new IllegalArgumentException(plugin + " needs a square matrix, found " + shapeOf(target, context));
        }
        throw new IllegalArgumentException(plugin + " needs square gate blocks, found " + shapeOf(target, context)
                + " in " + context.gates() + " gate blocks of " + blockRows + "x" + target.numCols);
    }

    /**
     * Calls {@code fill} once per gate block, top block first, with a [rows/gates x cols] matrix it
     * must overwrite, and copies the result into the block's rows of {@code target}. The blocks are
     * filled one after another from one generator, so each draws different numbers.
     *
     * @param target Modified.
     */
    static void forEachGateBlock(String plugin, DMatrixRMaj target, InitContext context, Consumer<DMatrixRMaj> fill) {
        DMatrixRMaj block = new DMatrixRMaj(blockRows(plugin, target, context), target.numCols);
        int blockSize = block.getNumElements();
        for (int gate = 0; gate < context.gates(); gate++) {
            fill.accept(block);
            // Row-major storage keeps a block of whole rows contiguous.
            System.arraycopy(block.data, 0, target.data, gate * blockSize, blockSize);
        }
    }

    /**
     * Fills each square gate block with {@code draw} and rescales it so its spectral radius is
     * {@code radius}. Refuses vectors and non-square blocks.
     *
     * @param target Modified.
     * @param draw overwrites a block with the matrix to rescale
     */
    static void fillSquareBlocksWithRadius(String plugin, DMatrixRMaj target, InitContext context, double radius,
            Consumer<DMatrixRMaj> draw) {
        requireSquareBlocks(plugin, target, context);
        forEachGateBlock(plugin, target, context, block -> {
            draw.accept(block);
            double found = spectralRadius(block);
            if (!(found > 0) || Double.isInfinite(found)) {
                // A nilpotent draw has probability zero; rescaling it would divide by zero.
                throw new IllegalStateException(plugin + " drew a " + block.numRows + "x" + block.numCols
                        + " block with spectral radius " + found + ", which cannot be rescaled to " + radius);
            }
            CommonOps_DDRM.scale(radius / found, block);
        });
    }

    /**
     * The largest modulus of the eigenvalues of a square matrix.
     *
     * @param square Not modified.
     */
    static double spectralRadius(DMatrixRMaj square) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(square.numRows, false);
        if (!eig.decompose(eig.inputModified() ? square.copy() : square)) {
            throw new IllegalStateException("The eigenvalues of a " + square.numRows + "x" + square.numCols
                    + " matrix did not converge");
        }
        double radius = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            radius = Math.max(radius, eig.getEigenvalue(i).getMagnitude());
        }
        return radius;
    }

    /**
     * Every element drawn from U(low, high), in storage order.
     *
     * @param target Modified.
     */
    static void fillUniform(DMatrixRMaj target, double low, double high, RandomGenerator random) {
        double width = high - low;
        for (int i = 0; i < target.getNumElements(); i++) {
            target.data[i] = low + width * random.nextDouble();
        }
    }

    /**
     * Every element drawn from N(mean, std^2), in storage order.
     *
     * @param target Modified.
     */
    static void fillNormal(DMatrixRMaj target, double mean, double std, RandomGenerator random) {
        for (int i = 0; i < target.getNumElements(); i++) {
            target.data[i] = mean + std * random.nextGaussian();
        }
    }
}
