package org.rnnlab.transforms;

import java.util.List;
import java.util.Map;
import org.rnnlab.kernels.Norms;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;

/**
 * {@code clip_value}: clamps every gradient element to [-limit, limit].
 *
 * <p>Element-wise clipping as discussed by Mikolov (2012, "Statistical language models based on
 * neural networks", PhD thesis, Brno University of Technology), whose RNNLM toolkit clipped each
 * gradient component, and contrasted with norm clipping by Pascanu, Mikolov and Bengio (2013). It
 * bounds every step but, unlike {@link ClipGlobalNorm}, changes the update's direction.
 * <pre>
 *   g_i <- min(limit, max(-limit, g_i))   for every element of every gradient
 * </pre>
 * NaN and infinite elements are left as they are, for {@link NonFinitePolicy} to see: clamping an
 * infinity to +-limit, as PyTorch's {@code clip_grad_value_} does, would hide a divergence behind an
 * ordinary-looking gradient. On finite gradients the two agree.
 */
public final class ClipValue extends AbstractTransform {
    private static final List<ParamSpec> SPECS = List.of(
            ParamSpec.ofDouble("limit", 1.0, Range.greaterThan(0), "largest magnitude a gradient element keeps"));

    private final double limit;

    /** At the defaults: limit 1. */
    public ClipValue() {
        this(Params.of(SPECS, Map.of()));
    }

    private ClipValue(Params params) {
        super("clip_value", "Clamps every gradient element to [-limit, limit]", SPECS, params);
        this.limit = params.getDouble("limit");
    }

    @Override
    public ClipValue configure(Params params) {
        return new ClipValue(params);
    }

    @Override
    public TransformReport apply(List<Parameter> parameters, long update) {
        double before = Norms.global(parameters);
        int clamped = 0;
        for (Parameter p : parameters) {
            double[] g = p.gradient().data;
            for (int i = 0, n = p.size(); i < n; i++) {
                double magnitude = Math.abs(g[i]);
                // NaN fails the first test and an infinity the second: both stay for non_finite to see.
                if (magnitude > limit && magnitude < Double.POSITIVE_INFINITY) {
                    g[i] = Math.copySign(limit, g[i]);
                    clamped++;
                }
            }
        }
        if (clamped == 0) {
            return TransformReport.unchanged(name(), before);
        }
        return new TransformReport(name(), before, Norms.global(parameters), true, false,
                "clamped " + clamped + (clamped == 1 ? " element" : " elements"));
    }
}
