package org.rnnlab.transforms;

import java.util.List;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;

/**
 * The rescaling rule shared by {@link ClipGlobalNorm} and {@link ClipNorm}: a gradient of norm n is
 * multiplied by threshold / (n + epsilon) when n + epsilon >= threshold, and left alone otherwise.
 *
 * <p>With epsilon 0 this is Algorithm 1 of Pascanu et al. (2013) to the letter, boundary included:
 * a norm equal to the threshold fires and is multiplied by exactly 1. With epsilon 1e-6 it gives
 * the same numbers as PyTorch's {@code clip_grad_norm_}, which multiplies by
 * min(1, threshold / (n + 1e-6)): where the factor would be 1 or more, the gradient is unchanged
 * in both. A non-finite norm never fires, because no finite factor repairs a NaN or an infinity.
 */
record ClipRule(double threshold, double epsilon) {

    /** The {@code threshold} and {@code epsilon} parameters, for a norm described by {@code normOf}. */
    static List<ParamSpec> specs(String normOf) {
        return List.of(
                ParamSpec.ofDouble("threshold", 1.0, Range.greaterThan(0),
                        "largest L2 norm of " + normOf + " left unscaled"),
                ParamSpec.ofDouble("epsilon", 0.0, Range.atLeast(0),
                        "added to the norm before dividing; 0 is Pascanu et al.'s rule, 1e-6 PyTorch's clip_grad_norm_"));
    }

    static ClipRule from(Params params) {
        return new ClipRule(params.getDouble("threshold"), params.getDouble("epsilon"));
    }

    /** Whether a gradient of this norm is rescaled. False for NaN and infinite norms. */
    boolean fires(double norm) {
        return norm < Double.POSITIVE_INFINITY && norm + epsilon >= threshold;
    }

    /** The factor a firing gradient is multiplied by. */
    double factor(double norm) {
        return threshold / (norm + epsilon);
    }
}
