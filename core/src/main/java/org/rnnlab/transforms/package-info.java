/**
 * The built-in {@link org.rnnlab.spi.GradientTransform} plugins: norm clipping over all gradients
 * ({@code clip_global_norm}) or per parameter ({@code clip_norm}), element-wise clipping
 * ({@code clip_value}), and the policy for non-finite gradients ({@code non_finite}).
 *
 * <p>Every transform reports the global L2 norm of all gradients before and after it, computed
 * without overflow or underflow, so a gradient of 1e-200 reads as 1e-200 in the diagnostics rather
 * than as zero, and a gradient of 1e200 is not mistaken for an infinite one. A transform that meets
 * a non-finite norm leaves the gradients as they are for {@code non_finite} to judge: clipping never
 * turns a NaN into numbers that look valid.
 */
package org.rnnlab.transforms;
