package org.rnnlab.transforms;

import java.util.List;
import java.util.Map;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.Norms;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;

/**
 * {@code clip_global_norm}: rescales all gradients together when their joint L2 norm reaches a
 * threshold, keeping the update's direction and bounding its length.
 *
 * <p>R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of training recurrent neural networks",
 * ICML 2013, Algorithm 1: with g the concatenation of every parameter's gradient,
 * <pre>
 *   if ||g|| >= threshold then g <- (threshold / ||g||) g
 * </pre>
 * The parameter {@code epsilon} (default 0) turns this into PyTorch's
 * {@code torch.nn.utils.clip_grad_norm_}, which divides by ||g|| + 1e-6 and scales only when that
 * gives a factor below 1: set {@code epsilon} to 1e-6 to reproduce it. See {@link ClipRule}.
 *
 * <p>A NaN or infinite norm leaves every gradient as it is (the report says so), for
 * {@link NonFinitePolicy} to handle.
 *
 * <pre>{@code
 * GradientTransform clip = Registries.standard().gradientTransforms()
 *         .create("clip_global_norm", Map.of("threshold", 5.0));
 * TransformReport report = clip.apply(parameters, update);
 * }</pre>
 */
public final class ClipGlobalNorm extends AbstractTransform {
    private static final List<ParamSpec> SPECS = ClipRule.specs("all gradients together");

    private final ClipRule rule;

    /** At the defaults: threshold 1, epsilon 0. */
    public ClipGlobalNorm() {
        this(Params.of(SPECS, Map.of()));
    }

    private ClipGlobalNorm(Params params) {
        super("clip_global_norm",
                "Rescales all gradients together when their joint L2 norm reaches threshold (Pascanu et al. 2013)",
                SPECS, params);
        this.rule = ClipRule.from(params);
    }

    @Override
    public ClipGlobalNorm configure(Params params) {
        return new ClipGlobalNorm(params);
    }

    @Override
    public TransformReport apply(List<Parameter> parameters, long update) {
        double norm = Norms.global(parameters);
        if (!rule.fires(norm)) {
            String detail = Double.isFinite(norm) ? "" : "norm is " + norm + "; gradients left for non_finite";
            return new TransformReport(name(), norm, norm, false, false, detail);
        }
        double factor = rule.factor(norm);
        for (Parameter p : parameters) {
            Kernels.scale(factor, p.gradient());
        }
        return new TransformReport(name(), norm, Norms.global(parameters), true, false, "scaled by " + factor);
    }
}
