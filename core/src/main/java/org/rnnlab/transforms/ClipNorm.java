package org.rnnlab.transforms;

import java.util.List;
import java.util.Map;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.Norms;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;

/**
 * {@code clip_norm}: the rule of {@link ClipGlobalNorm} applied to each parameter's gradient on its
 * own, so a recurrent matrix whose gradient explodes is shortened without shrinking the others.
 *
 * <p>For every parameter with gradient g_p (R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of
 * training recurrent neural networks", ICML 2013, Algorithm 1, per tensor):
 * <pre>
 *   if ||g_p|| + epsilon >= threshold then g_p <- (threshold / (||g_p|| + epsilon)) g_p
 * </pre>
 * Unlike global clipping this changes the update's direction. A parameter whose gradient norm is
 * NaN or infinite is left as it is, for {@link NonFinitePolicy}. The report's norms are global ones,
 * as for every transform; {@code detail} names the parameters that were clipped.
 */
public final class ClipNorm extends AbstractTransform {
    private static final List<ParamSpec> SPECS = ClipRule.specs("each parameter's gradient");

    private final ClipRule rule;

    /** At the defaults: threshold 1, epsilon 0. */
    public ClipNorm() {
        this(Params.of(SPECS, Map.of()));
    }

    private ClipNorm(Params params) {
        super("clip_norm",
                "Rescales each parameter's gradient on its own when its L2 norm reaches threshold", SPECS, params);
        this.rule = ClipRule.from(params);
    }

    @Override
    public ClipNorm configure(Params params) {
        return new ClipNorm(params);
    }

    @Override
    public TransformReport apply(List<Parameter> parameters, long update) {
        double before = Norms.global(parameters);
        StringBuilder clipped = null;
        for (Parameter p : parameters) {
            double norm = Norms.of(p.gradient());
            if (rule.fires(norm)) {
                Kernels.scale(rule.factor(norm), p.gradient());
                clipped = clipped == null ? new StringBuilder("clipped ") : clipped.append(", ");
                clipped.append(p.name());
            }
        }
        if (clipped == null) {
            return TransformReport.unchanged(name(), before);
        }
        return new TransformReport(name(), before, Norms.global(parameters), true, false, clipped.toString());
    }
}
