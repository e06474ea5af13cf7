package org.rnnlab.initializers;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.Params;
import org.rnnlab.spi.InitContext;

/** Zero in every element: the usual start for biases. Deterministic, and without parameters. */
public final class ZerosInitializer extends AbstractInitializer {

    public ZerosInitializer() {
        super("zeros", "0 in every element", List.of(), Params.empty());
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        target.zero();
    }
}
