package org.rnnlab.activations;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.Activation;

/**
 * The exponential linear unit of Clevert, Unterthiner and Hochreiter, "Fast and accurate deep network
 * learning by exponential linear units (ELUs)", ICLR 2016: f(x) = x for x &gt; 0,
 * alpha (e^x - 1) otherwise, with values above -alpha.
 *
 * <p>f'(x) = 1 for y = f(x) &gt; 0, else y + alpha (which is alpha e^x): at the kink, elu'(0) = alpha,
 * as PyTorch's autograd (whose backward from the result scales the gradient by result + alpha where
 * result &lt;= 0). For alpha = 1 both sides agree and f is smooth to first order.
 *
 * <p>e^x - 1 is computed with {@link Math#expm1}, exact to rounding near 0 where e^x - 1 would cancel.
 */
public final class Elu extends OutputDerivedActivation {

    public static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("alpha", 1.0, Range.greaterThan(0), "f tends to -alpha as x tends to -infinity"));

    private final double alpha;

    /** The default alpha, 1 as in the paper and PyTorch. */
    public Elu() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    /** @param params values validated against {@link #PARAMETERS} */
    public Elu(Params params) {
        super("elu", "exponential linear unit: x for x > 0, alpha * (e^x - 1) otherwise",
                -params.getDouble("alpha"), Double.POSITIVE_INFINITY, PARAMETERS, params);
        this.alpha = params.getDouble("alpha");
    }

    @Override
    public Activation configure(Params params) {
        return new Elu(params);
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    @Override
    double derivativeAtOutput(double y) {
        return y > 0 ? 1 : y + alpha;
    }
}
