package org.rnnlab.activations;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.Activation;

/**
 * The leaky rectifier of Maas, Hannun and Ng, "Rectifier nonlinearities improve neural network
 * acoustic models", ICML 2013 workshop: f(x) = x for x &gt; 0, slope x otherwise.
 *
 * <p>f'(x) = 1 for y = f(x) &gt; 0, else slope: at the kink, leaky_relu'(0) = slope, as PyTorch's
 * autograd (whose backward passes the gradient where x &gt; 0 and scales it by the slope elsewhere).
 *
 * <p>The slope is limited to [0, 1): a negative slope would make f decreasing and give positive
 * outputs for negative inputs, so the derivative could no longer be read from the output; slope 1 is
 * the identity. With slope 0 it is relu and bounded below by 0.
 *
 * <pre>{@code
 * Activation leaky = Registries.standard().activations().create("leaky_relu", Map.of("slope", 0.1));
 * }</pre>
 */
public final class LeakyRelu extends OutputDerivedActivation {

    public static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("slope", 0.01, Range.closedOpen(0, 1), "slope for x <= 0"));

    private final double slope;

    /** The default slope, 0.01 as in PyTorch. */
    public LeakyRelu() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    /** @param params values validated against {@link #PARAMETERS} */
    public LeakyRelu(Params params) {
        super("leaky_relu", "leaky rectifier: x for x > 0, slope * x otherwise",
                params.getDouble("slope") > 0 ? Double.NEGATIVE_INFINITY : 0, Double.POSITIVE_INFINITY,
                PARAMETERS, params);
        this.slope = params.getDouble("slope");
    }

    @Override
    public Activation configure(Params params) {
        return new LeakyRelu(params);
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : slope * x;
    }

    @Override
    double derivativeAtOutput(double y) {
        return y > 0 ? 1 : slope;
    }
}
