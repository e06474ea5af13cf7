package org.rnnlab.params;

/**
 * An interval of allowed numeric values, each end open, closed or absent.
 *
 * <p>{@link #toString()} is the rule as a user reads it in an error message:
 * {@code "> 0"}, {@code ">= 0"}, {@code "in [0, 1)"}, {@code "a finite number"}.
 *
 * @param min lower end, or {@code -Infinity} for none
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper end, or {@code +Infinity} for none
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {

    public Range {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("Range ends must be ordered numbers, found " + min + " and " + max);
        }
    }

    public static Range any() {
        return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    public static Range greaterThan(double min) {
        return new Range(min, false, Double.POSITIVE_INFINITY, false);
    }

    public static Range atLeast(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false);
    }

    public static Range atMost(double max) {
        return new Range(Double.NEGATIVE_INFINITY, false, max, true);
    }

    /** The closed interval [min, max]. */
    public static Range closed(double min, double max) {
        return new Range(min, true, max, true);
    }

    /** The half-open interval [min, max). */
    public static Range closedOpen(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** Whether {@code value} lies in this range; NaN never does. */
    public boolean contains(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean aboveMin = minInclusive ? value >= min : value > min;
        boolean belowMax = maxInclusive ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /** Whether infinite values are allowed; a finite-only range prints no infinite end. */
    boolean unboundedBelow() {
        return min == Double.NEGATIVE_INFINITY;
    }

    boolean unboundedAbove() {
        return max == Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        if (unboundedBelow() && unboundedAbove()) {
            return "a finite number";
        }
        if (unboundedAbove()) {
            return (minInclusive ? ">= " : "> ") + format(min);
        }
        if (unboundedBelow()) {
            return (maxInclusive ? "<= " : "< ") + format(max);
        }
        return "in " + (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
    }

    /** Prints whole numbers without a fraction: {@code 0}, not {@code 0.0}. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
