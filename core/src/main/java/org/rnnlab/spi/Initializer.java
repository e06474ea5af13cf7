package org.rnnlab.spi;

import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Fills a parameter tensor with its initial values.
 *
 * <p>Matrices follow PyTorch's layout: a weight is [out x in], so fan-in is the number of columns
 * and fan-out the number of rows. A gated tensor stacks {@link InitContext#gates()} blocks along its
 * rows. Vectors are stored as one column. An initializer that cannot fill a shape (an orthogonal
 * vector) throws {@link IllegalArgumentException} saying which shape it found and which it needs.
 */
public interface Initializer extends Plugin<Initializer> {

    /**
     * Overwrites every element of {@code target}.
     *
     * @param target the tensor. Modified; its shape is not changed.
     * @param context the tensor's role, gate blocks and dimensionality
     * @param random the only source of randomness; the same state gives the same values
     */
    void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random);
}
