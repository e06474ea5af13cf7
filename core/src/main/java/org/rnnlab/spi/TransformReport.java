package org.rnnlab.spi;

/**
 * What one {@link GradientTransform} did to one update's gradients, for listeners and diagnostics.
 *
 * @param transform the transform's name
 * @param normBefore global L2 norm of all gradients before the transform
 * @param normAfter global L2 norm after it
 * @param fired whether the transform changed anything
 * @param skipUpdate whether the update must be dropped (the optimizer does not step)
 * @param detail a short note for a person, or "" (e.g. which parameter was non-finite)
 */
public record TransformReport(String transform, double normBefore, double normAfter, boolean fired,
        boolean skipUpdate, String detail) {

    /** A report of a transform that left the gradients as they were. */
    public static TransformReport unchanged(String transform, double norm) {
        return new TransformReport(transform, norm, norm, false, false, "");
    }
}
