package org.rnnlab.activations;

import java.util.List;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Activation;

/**
 * What the activations of this package share, so that each states it once: a fixed name, description
 * and range, a derivative that follows from the output alone, and, for those with parameters, the
 * values they were configured with (kept for provenance, returned by {@link #params()}).
 *
 * <p>Package-private: users see {@link Activation}; this class only saves the plugins from
 * repeating the same members.
 */
abstract class OutputDerivedActivation extends AbstractPlugin<Activation> implements Activation {
    private final double lowerBound;
    private final double upperBound;

    /** An activation without parameters. */
    OutputDerivedActivation(String name, String description, double lowerBound, double upperBound) {
        this(name, description, lowerBound, upperBound, List.of(), Params.empty());
    }

    /** An activation configured with {@code params}, already validated against {@code parameters}. */
    OutputDerivedActivation(String name, String description, double lowerBound, double upperBound,
            List<ParamSpec> parameters, Params params) {
        super(name, description, parameters, params);
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
    }

    /** f'(x) for the x with f(x) = {@code y}; at a kink, the derivative the class documents. */
    abstract double derivativeAtOutput(double y);





    @Override
    public final double lowerBound() {
        return lowerBound;
    }

    @Override
    public final double upperBound() {
        return upperBound;
    }

    @Override
    public final boolean derivativeFromOutput() {
        return true;
    }

    /** {@inheritDoc} {@code x} is ignored. */
    @Override
    public final double derivative(double x, double y) {
        return derivativeAtOutput(y);
    }
}
