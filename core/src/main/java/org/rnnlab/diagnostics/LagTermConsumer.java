package org.rnnlab.diagnostics;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.spi.Parameter;

/**
 * Receives the terms of the recurrent weights' gradient by lag, G_L for L = 0, 1, ... in order (see
 * {@link LongTermShare} for their definition), from {@link Diagnostics#lagTerms}.
 */
@FunctionalInterface
public interface LagTermConsumer {

    /**
     * One lag's term of one recurrent weight.
     *
     * @param lag L, from 0 up to the last loss time, each once and in increasing order
     * @param weight the recurrent weight, under its state_dict name ({@code rnn.weight_hh_l0}); its
     *     gradient buffer is in use by the measurement and must not be read or written
     * @param term G_L, the weight's shape. Not to be modified; valid during the call only
     */
    void accept(int lag, Parameter weight, DMatrixRMaj term);
}
