package org.rnnlab.transforms;

import java.util.List;
import java.util.Objects;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.GradientTransform;

/**
 * What every transform of this package holds the same way: its name, description, declared
 * parameters and the values it was configured with. Subclasses override {@code configure} to return
 * a new instance built from the values.
 */
abstract class AbstractTransform implements GradientTransform {
    private final String name;
    private final String description;
    private final List<ParamSpec> parameters;
    private final Params params;

    AbstractTransform(String name, String description, List<ParamSpec> parameters, Params params) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.parameters = List.copyOf(parameters);
        this.params = Objects.requireNonNull(params, "params");
    }

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
    public String toString() {
        return name + params;
    }
}
