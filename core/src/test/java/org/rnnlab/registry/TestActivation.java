package org.rnnlab.registry;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.Activation;

/** x -> scale * x under any name, so registry tests need no plugin module. Not registered. */
final class TestActivation implements Activation {
    static final List<ParamSpec> PARAMETERS =
            List.of(ParamSpec.ofDouble("scale", 1.0, Range.greaterThan(0), "slope of the line"));

    private final String name;
    private final Params params;

    TestActivation(String name) {
        this(name, Params.of(PARAMETERS, Map.of()));
    }

    private TestActivation(String name, Params params) {
        this.name = name;
        this.params = params;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test line";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Activation configure(Params p) {
        return new TestActivation(name, p);
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public double apply(double x) {
        return params.getDouble("scale") * x;
    }

    @Override
    public double derivative(double x, double y) {
        return params.getDouble("scale");
    }

    /** The same plugin under another class, to collide with {@link TestActivation}. */
    static final class Twin implements Activation {
        @Override
        public String name() {
            return "tanh";
        }

        @Override
        public String description() {
            return "a second plugin called tanh";
        }

        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double derivative(double x, double y) {
            return 1;
        }
    }
}
