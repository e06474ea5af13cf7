package org.rnnlab.activations;

import java.util.List;
import java.util.Objects;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.Activation;

/**
 * What the activations of this package share, so that each states it once: a fixed name, description
 * and range, a derivative that follows from the output alone, and, for those with parameters, the
 * values they were configured with (kept for provenance, returned by {@link #params()}).
 *
 * <p>Package-private: users see {@link Activation}; this class only saves the plugins from
 * repeating the same members.
 */
abstract class OutputDerivedActivation implements Activation {
    private final String name;
    private final String description;
    private final double lowerBound;
    private final double upperBound;
    private final List<ParamSpec> parameters;
    private final Params params;

    /** An activation without parameters. */
    OutputDerivedActivation(String name, String description, double lowerBound, double upperBound) {
        this(name, description, lowerBound, upperBound, List.of(), Params.empty());
    }

    /** An activation configured with {@code params}, already validated against {@code parameters}. */
    OutputDerivedActivation(String name, String description, double lowerBound, double upperBound,
            List<ParamSpec> parameters, Params params) {
        this.name = name;
        this.description = description;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.parameters = parameters;
        this.params = Objects.requireNonNull(params, "params");
    }

    /** f'(x) for the x with f(x) = {@code y}; at a kink, the derivative the class documents. */
    abstract double derivativeAtOutput(double y);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParamSpec> parameters() {
        return parameters;
    }

    @Override
    public final Params params() {
        return params;
    }

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

    @Override
    public String toString() {
        return params.asMap().isEmpty() ? name : name + params;
    }
}
