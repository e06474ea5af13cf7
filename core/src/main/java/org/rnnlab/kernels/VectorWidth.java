package org.rnnlab.kernels;

/**
 * The one vector width every Vector API loop of rnnlab runs at: 512 bits where the processor
 * prefers them (AVX-512), else 256. One width for all of them, not a width per loop, because JDK
 * 17's compiler left 512-bit fused multiply-adds unintrinsified, allocating a box per vector, once
 * 256-bit ones had run in the same JVM (reproduced in a standalone program; docs/performance.md).
 * The system property {@value Kernels#VECTOR_BITS_PROPERTY} ({@code 256} or {@code 512}) overrides
 * the choice, for measuring.
 *
 * <p>No result depends on the width: the products' sums and the element functions are defined lane
 * by lane in an order that both widths follow ({@link ProductEngine}). This class names no Vector API
 * type, so that the property can be checked in a JVM without the module.
 */
public final class VectorWidth {
    private VectorWidth() {
    }

    /**
     * Checks {@value Kernels#VECTOR_BITS_PROPERTY} without loading the product loops, so that a
     * program (the command line) can report a bad value before anything runs; otherwise the first
     * use of {@link Kernels} fails with it.
     *
     * @throws IllegalArgumentException if the property is set to anything but 256 or 512
     */
    public static void checkProperty() {
        wide(8);
    }

    /**
     * Whether the Vector API loops use 512-bit vectors, as {@value Kernels#VECTOR_BITS_PROPERTY} says
     * or else where the processor's preferred vector holds 8 doubles.
     *
     * @param preferredLanes doubles in the processor's preferred vector
     * @throws IllegalArgumentException if the property is set to anything but 256 or 512
     */
    static boolean wide(int preferredLanes) {
        return wide(System.getProperty(Kernels.VECTOR_BITS_PROPERTY), preferredLanes);
    }

    /** As {@link #wide(int)}, for the property's value (null when unset). */
    static boolean wide(String property, int preferredLanes) {
        if (property == null) {
            return preferredLanes >= 8;
        }
        switch (property.strip()) {
            case "256":
                return false;
            case "512":
                return true;
            default:
                throw new IllegalArgumentException("The system property " + Kernels.VECTOR_BITS_PROPERTY
                        + " must be 256 or 512, found '" + property + "'");
        }
    }
}
