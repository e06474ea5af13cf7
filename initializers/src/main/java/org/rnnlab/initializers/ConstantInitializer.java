package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * {@code value} in every element, such as an LSTM's forget-gate bias of 1 (Jozefowicz, Zaremba and
 * Sutskever 2015) when a cell gives that block its own initializer. Deterministic.
 */
public final class ConstantInitializer extends AbstractInitializer {
    static final String NAME = "constant";
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("value", 0.0, Range.any(), "the value of every element"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final double value;

    /** The plugin at its defaults: value 0. */
    public ConstantInitializer() {
        this(DEFAULTS);
    }

    private ConstantInitializer(Params params) {
        super(NAME, "value in every element", PARAMETERS, params);
        this.value = params.getDouble("value");
    }

    @Override
    public Initializer configure(Params params) {
        return new ConstantInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        CommonOps_DDRM.fill(target, value);
    }
}
