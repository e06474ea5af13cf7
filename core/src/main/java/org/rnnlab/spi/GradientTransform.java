package org.rnnlab.spi;

import java.util.List;

/**
 * Rewrites the gradients of one update before the optimizer sees them: norm clipping, value
 * clipping, a policy for non-finite values. Transforms chain in the order a spec lists them.
 *
 * <p>A configured transform is stateless: the same gradients and update number give the same result.
 */
public interface GradientTransform extends Plugin<GradientTransform> {

    /**
     * Transforms the gradients in place.
     *
     * @param parameters every trainable tensor of the model; their gradients are Modified,
     *     their values are Not modified
     * @param update the update's number, counted from 1, for messages
     * @return what was done
     * @throws DivergedException if the transform's policy is to stop the run
     */
    TransformReport apply(List<Parameter> parameters, long update);
}
