package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.Params;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;

/**
 * The contract every {@link Activation} plugin keeps. A plugin's test subclasses this, supplies the
 * plugin at its defaults and, if it has parameters, a few other configurations; every check runs for
 * each of them:
 *
 * <ul>
 *   <li>f' against central differences on a grid out to |x| = 50 and close to 0, except within
 *       a small neighbourhood of each declared {@link #kinks() kink};
 *   <li>f and f' finite for finite x, including ±1e300, ±{@code Double.MAX_VALUE}, subnormals and -0.0;
 *       f(NaN) is NaN;
 *   <li>values inside [{@link Activation#lowerBound()}, {@link Activation#upperBound()}], and each
 *       bound approached, so none is looser than it need be; non-decreasing if {@link Activation#monotonic()};
 *   <li>if {@link Activation#derivativeFromOutput()}, the derivative ignores x;
 *   <li>the array methods give bit for bit the scalar results, touch nothing outside
 *       [offset, offset + length), leave their inputs alone and work in place;
 *   <li>name, description, parameters at their defaults, {@code params()} round trips;
 *   <li>discovery through {@link java.util.ServiceLoader} under {@link Activation#name()}.
 * </ul>
 *
 * <pre>{@code
 * class LeakyReluTest extends ActivationContractTest {
 *     @Override
 *     protected Activation createActivation() {
 *         return new LeakyRelu();
 *     }
 *
 *     @Override
 *     protected List<Activation> configurations() {
 *         return List.of(Registries.standard().activations().create("leaky_relu", Map.of("slope", 0.2)));
 *     }
 *
 *     @Override
 *     protected double[] kinks() {
 *         return new double[] {0};
 *     }
 * }
 * }</pre>
 *
 * <p>A check that cannot apply to a plugin is skipped by overriding it with a comment saying why.
 */
public abstract class ActivationContractTest {

    /** Relative step of the central differences: small enough for truncation, large enough for rounding. */
    private static final double STEP = 1e-6;
    /**
     * Allowed |f' - central difference|, as ABSOLUTE + RELATIVE |central difference|. Rounding at
     * |x| = 50 costs about 1e-10 and a jump in f'' (softsign at 0) about STEP; a derivative off by a
     * factor 1.001 misses by 1e-3 where f' is near 1, about ninety times the tolerance.
     */
    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-5;
    /** Half-width, relative to max(1, |kink|), of the neighbourhood of a kink where f' is not checked. */
    private static final double KINK_RADIUS = 1e-4;
    /** How close the sampled values must come to a finite declared bound, relative to max(1, |bound|). */
    private static final double BOUND_SLACK = 1e-3;
    /**
     * How far the sampled values must reach towards an infinite declared bound. The samples go out to
     * ±{@code Double.MAX_VALUE}, where even a function growing like a logarithm is beyond ±700.
     */
    private static final double UNBOUNDED_EVIDENCE = 100;
    /** Fills the array elements outside the range an array method is given, which must stay as they are. */
    private static final double UNTOUCHED = 1234.5;
    private static final int PAD = 3;
    private static final int SHOWN = 10;

    /** Finite inputs where naive formulas overflow, underflow or divide zero by zero. */
    private static final double[] EXTREMES = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-320, -1e-320, 1e-300, -1e-300,
        Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-8, -1e-8, 20, -20, 37, -37, 50, -50,
        709.8, -709.8, 710, -710, 745.2, -745.2, 1000, -1000, 1e20, -1e20, 1e300, -1e300,
        Double.MAX_VALUE, -Double.MAX_VALUE,
    };

    /** Where f' is compared with central differences: a regular grid, points near 0 and random points. */
    private static final double[] GRID = gradientGrid();

    /** The plugin at its defaults, as ServiceLoader would create it. */
    protected abstract Activation createActivation();

    /** Configurations other than the defaults to check as well; none unless overridden. */
    protected List<Activation> configurations() {
        return List.of();
    }

    /**
     * Where f is not differentiable (relu: 0; hard_tanh: -1 and 1). The central-difference check skips
     * a small neighbourhood of each; the plugin's own test pins the one-sided derivative it returns there.
     */
    protected double[] kinks() {
        return new double[0];
    }

    @Test
    public void derivativeMatchesCentralDifferences() {
        for (Activation a : activations()) {
            List<String> wrong = new ArrayList<>();
            int checked = 0;
            for (double x : GRID) {
                if (nearKink(x)) {
                    continue;
                }
                checked++;
                double h = STEP * Math.max(1, Math.abs(x));
                double above = x + h;
                double below = x - h;
                double numeric = (a.apply(above) - a.apply(below)) / (above - below);
                double analytic = a.derivative(x, a.apply(x));
                if (!(Math.abs(analytic - numeric) <= ABSOLUTE + RELATIVE * Math.abs(numeric))) {
                    wrong.add("x=" + x + ": f'=" + analytic + ", central difference " + numeric);
                }
            }
            assertThat(shown(wrong))
                    .as("%s: f' disagrees with central differences at %d of %d points (allowed %s + %s |difference|)",
                            describe(a), wrong.size(), checked, ABSOLUTE, RELATIVE)
                    .isEmpty();
        }
    }

    @Test
    public void finiteForFiniteInputs() {
        for (Activation a : activations()) {
            List<String> wrong = new ArrayList<>();
            for (double x : samples()) {
                double y = a.apply(x);
                double d = a.derivative(x, y);
                if (!Double.isFinite(y) || !Double.isFinite(d)) {
                    wrong.add("x=" + x + ": f=" + y + ", f'=" + d);
                }
            }
            assertThat(shown(wrong)).as("%s: non-finite f or f' at %d finite inputs", describe(a), wrong.size())
                    .isEmpty();
        }
    }

    /** A NaN that came out finite would hide a diverged run from the trainer's non-finite policy. */
    @Test
    public void nanInputGivesNaN() {
        for (Activation a : activations()) {
            assertThat(a.apply(Double.NaN)).as("%s: f(NaN)", describe(a)).isNaN();
        }
    }

    @Test
    public void valuesWithinDeclaredBounds() {
        for (Activation a : activations()) {
            List<String> wrong = new ArrayList<>();
            for (double x : samples()) {
                double y = a.apply(x);
                if (!(y >= a.lowerBound() && y <= a.upperBound())) {
                    wrong.add("f(" + x + ")=" + y);
                }
            }
            assertThat(shown(wrong))
                    .as("%s: values outside the declared [%s, %s] at %d inputs",
                            describe(a), a.lowerBound(), a.upperBound(), wrong.size())
                    .isEmpty();
        }
    }

    /**
     * A bound looser than the function's range misleads whoever relies on it: the samples must come
     * within {@link #BOUND_SLACK} of a finite bound, and beyond ±{@link #UNBOUNDED_EVIDENCE} towards an
     * infinite one.
     */
    @Test
    public void boundsAreApproached() {
        for (Activation a : activations()) {
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (double x : samples()) {
                double y = a.apply(x);
                lowest = Math.min(lowest, y);
                highest = Math.max(highest, y);
            }
            double lower = a.lowerBound();
            double upper = a.upperBound();
            double lowerReach = Double.isFinite(lower) ? lower + BOUND_SLACK * Math.max(1, Math.abs(lower)) : -UNBOUNDED_EVIDENCE;
            double upperReach = Double.isFinite(upper) ? upper - BOUND_SLACK * Math.max(1, Math.abs(upper)) : UNBOUNDED_EVIDENCE;
            assertThat(lowest)
                    .as("%s: declared lower bound %s, but the smallest value found is %s", describe(a), lower, lowest)
                    .isLessThanOrEqualTo(lowerReach);
            assertThat(highest)
                    .as("%s: declared upper bound %s, but the largest value found is %s", describe(a), upper, highest)
                    .isGreaterThanOrEqualTo(upperReach);
        }
    }

    @Test
    public void nonDecreasingIfDeclaredMonotonic() {
        for (Activation a : activations()) {
            if (!a.monotonic()) {
                continue;
            }
            double[] xs = samples();
            List<String> wrong = new ArrayList<>();
            for (int i = 1; i < xs.length; i++) {
                double before = a.apply(xs[i - 1]);
                double after = a.apply(xs[i]);
                if (after < before) {
                    wrong.add("f(" + xs[i - 1] + ")=" + before + " > f(" + xs[i] + ")=" + after);
                }
            }
            assertThat(shown(wrong)).as("%s: declared monotonic but decreases %d times", describe(a), wrong.size())
                    .isEmpty();
        }
    }

    @Test
    public void derivativeFromOutputIgnoresInput() {
        for (Activation a : activations()) {
            if (!a.derivativeFromOutput()) {
                continue;
            }
            List<String> wrong = new ArrayList<>();
            for (double x : samples()) {
                double y = a.apply(x);
                double withX = a.derivative(x, y);
                double withoutX = a.derivative(Double.NaN, y);
                if (Double.doubleToLongBits(withX) != Double.doubleToLongBits(withoutX)) {
                    wrong.add("x=" + x + ", y=" + y + ": derivative(x, y)=" + withX + ", derivative(NaN, y)=" + withoutX);
                }
            }
            assertThat(shown(wrong))
                    .as("%s: declares derivativeFromOutput() but its derivative depends on x at %d inputs",
                            describe(a), wrong.size())
                    .isEmpty();
        }
    }

    @Test
    public void applyOnArraysMatchesScalar() {
        for (Activation a : activations()) {
            double[] x = paddedInputs();
            double[] xBefore = x.clone();
            double[] expected = expectedApply(a, x, filled(x.length, UNTOUCHED));
            double[] y = filled(x.length, UNTOUCHED);
            a.apply(x, y, PAD, x.length - 2 * PAD);
            assertSame(a, "apply(x, y, offset, length): y", expected, y);
            assertSame(a, "apply(x, y, offset, length): x", xBefore, x);
        }
    }

    @Test
    public void applyOnArraysWorksInPlace() {
        for (Activation a : activations()) {
            double[] x = paddedInputs();
            double[] expected = expectedApply(a, x, x.clone());
            a.apply(x, x, PAD, x.length - 2 * PAD);
            assertSame(a, "apply(x, x, offset, length)", expected, x);
        }
    }

    @Test
    public void backwardOnArraysMatchesScalar() {
        for (Activation a : activations()) {
            Pass p = new Pass(a);
            double[] dx = filled(p.x.length, UNTOUCHED);
            a.backward(p.x, p.y, p.dy, dx, PAD, p.length());
            assertSame(a, "backward(x, y, dy, dx, offset, length): dx", p.expectedBackward(filled(dx.length, UNTOUCHED)), dx);
            p.assertInputsUnmodified("backward(x, y, dy, dx, offset, length)");
        }
    }

    @Test
    public void backwardOnArraysWorksInPlace() {
        for (Activation a : activations()) {
            Pass p = new Pass(a);
            double[] g = p.dy.clone();
            a.backward(p.x, p.y, g, g, PAD, p.length());
            assertSame(a, "backward(x, y, dy, dy, offset, length)", p.expectedBackward(p.dyBefore.clone()), g);
        }
    }

    @Test
    public void backwardNeedsNoInputWhenDerivedFromOutput() {
        for (Activation a : activations()) {
            if (!a.derivativeFromOutput()) {
                continue;
            }
            Pass p = new Pass(a);
            double[] dx = filled(p.x.length, UNTOUCHED);
            assertThatCode(() -> a.backward(null, p.y, p.dy, dx, PAD, p.length()))
                    .as("%s: declares derivativeFromOutput(), so backward must accept x = null", describe(a))
                    .doesNotThrowAnyException();
            assertSame(a, "backward(null, y, dy, dx, offset, length): dx", p.expectedBackward(filled(dx.length, UNTOUCHED)), dx);
        }
    }

    @Test
    public void nameAndDescription() {
        Activation a = createActivation();
        assertThat(a.name()).as("name of %s", a.getClass().getName()).matches("[a-z][a-z0-9_]*");
        assertThat(a.description()).as("description of %s", a.name()).isNotBlank().doesNotContain("\n", "\r");
        for (Activation c : configurations()) {
            assertThat(c.name()).as("name of the configuration %s", describe(c)).isEqualTo(a.name());
        }
    }

    @Test
    public void defaultInstanceUsesDefaults() {
        Activation a = createActivation();
        Params defaults = Params.of(a.parameters(), Map.of());
        assertThat(a.params()).as("%s: params() of the no-argument instance", a.name()).isEqualTo(defaults);
        assertThat(a.configure(defaults).params()).as("%s: params() after configure(defaults)", a.name())
                .isEqualTo(defaults);
    }

    /** params() is the provenance of a run: configuring with it must give back the same function. */
    @Test
    public void configurationsRoundTrip() {
        Activation a = createActivation();
        Params defaults = a.params();
        for (Activation c : configurations()) {
            assertThat(c).as("configuration %s", describe(c)).isExactlyInstanceOf(a.getClass());
            assertThat(c.params()).as("configuration %s must differ from the defaults, or it tests nothing; "
                    + "does configure(Params) keep its values?", describe(c)).isNotEqualTo(defaults);
            Activation again = a.configure(c.params());
            assertThat(again.params()).as("%s: params() of configure(params())", describe(c)).isEqualTo(c.params());
            double[] x = paddedInputs();
            assertSame(c, "f of configure(params())", expectedApply(c, x, x.clone()), expectedApply(again, x, x.clone()));
        }
        assertThat(a.params()).as("%s: configure(Params) must not change the instance it is called on", a.name())
                .isEqualTo(defaults);
    }

    @Test
    public void discoveredByServiceLoader() {
        Activation a = createActivation();
        Optional<Activation> found = Registries.standard().activations().find(a.name());
        assertThat(found)
                .as("no activation named '%s' is on the classpath; list %s in META-INF/services/%s",
                        a.name(), a.getClass().getName(), Activation.class.getName())
                .isPresent();
        assertThat(found.get()).as("the activation registered as '%s'", a.name()).isExactlyInstanceOf(a.getClass());
        for (Activation c : configurations()) {
            Activation created = Registries.standard().activations().create(c.name(), c.params().asMap());
            assertThat(created.params()).as("registry create(\"%s\", %s)", c.name(), c.params()).isEqualTo(c.params());
        }
    }

    /** f'(x) as a cell gets it, from x and f(x): for a plugin test's known answers. */
    protected static double derivativeAt(Activation a, double x) {
        return a.derivative(x, a.apply(x));
    }

    private List<Activation> activations() {
        List<Activation> all = new ArrayList<>();
        all.add(createActivation());
        all.addAll(configurations());
        return all;
    }

    private boolean nearKink(double x) {
        for (double k : kinks()) {
            if (Math.abs(x - k) <= KINK_RADIUS * Math.max(1, Math.abs(k))) {
                return true;
            }
        }
        return false;
    }

    /** Every input the value checks use, ascending: the grid, the extremes and the kinks. */
    private double[] samples() {
        double[] all = DoubleStream.concat(DoubleStream.concat(Arrays.stream(GRID), Arrays.stream(EXTREMES)),
                Arrays.stream(kinks())).toArray();
        Arrays.sort(all);
        return all;
    }

    /**
     * Inputs for the array checks at [PAD, length - PAD), surrounded by ordinary inputs that a loop
     * overrunning its range would change: the extremes, the kinks, small integers and random points.
     */
    private double[] paddedInputs() {
        Random random = new Random(7);
        DoubleStream inside = DoubleStream.of(EXTREMES);
        inside = DoubleStream.concat(inside, Arrays.stream(kinks()));
        inside = DoubleStream.concat(inside, DoubleStream.iterate(-4, v -> v <= 4, v -> v + 0.5));
        inside = DoubleStream.concat(inside, random.doubles(40, -10, 10));
        return DoubleStream.concat(DoubleStream.concat(DoubleStream.of(-0.5, 0.25, 2), inside),
                DoubleStream.of(-1.5, 0.75, 3)).toArray();
    }

    /** {@code out} with f(x[i]) written over [PAD, length - PAD), computed one scalar at a time. */
    private static double[] expectedApply(Activation a, double[] x, double[] out) {
        for (int i = PAD; i < x.length - PAD; i++) {
            out[i] = a.apply(x[i]);
        }
        return out;
    }

    /** The arrays of one backward pass: padded inputs, their outputs, seeded random gradients. */
    private final class Pass {
        final Activation a;
        final double[] x;
        final double[] y;
        final double[] dy;
        private final double[] xBefore;
        private final double[] yBefore;
        private final double[] dyBefore;

        Pass(Activation a) {
            this.a = a;
            x = paddedInputs();
            y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = a.apply(x[i]);
            }
            dy = new Random(11).doubles(x.length, -2, 2).toArray();
            xBefore = x.clone();
            yBefore = y.clone();
            dyBefore = dy.clone();
        }

        int length() {
            return x.length - 2 * PAD;
        }

        /** {@code out} with dy[i] f'(x[i]) over [PAD, length - PAD), from the arrays as they were made. */
        double[] expectedBackward(double[] out) {
            for (int i = PAD; i < xBefore.length - PAD; i++) {
                out[i] = dyBefore[i] * a.derivative(xBefore[i], yBefore[i]);
            }
            return out;
        }

        void assertInputsUnmodified(String call) {
            assertSame(a, call + ": x", xBefore, x);
            assertSame(a, call + ": y", yBefore, y);
            assertSame(a, call + ": dy", dyBefore, dy);
        }
    }

    /** Bit-for-bit equality, listing the elements that differ. */
    private static void assertSame(Activation a, String what, double[] expected, double[] actual) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                String where = i < PAD || i >= expected.length - PAD ? " (outside the range)" : "";
                wrong.add("[" + i + "]" + where + " expected " + expected[i] + ", found " + actual[i]);
            }
        }
        assertThat(shown(wrong)).as("%s: %s differs at %d of %d elements", describe(a), what, wrong.size(), expected.length)
                .isEmpty();
    }

    private static double[] filled(int length, double value) {
        double[] a = new double[length];
        Arrays.fill(a, value);
        return a;
    }

    private static List<String> shown(List<String> all) {
        return all.size() <= SHOWN ? all : all.subList(0, SHOWN);
    }

    private static String describe(Activation a) {
        return a.params().asMap().isEmpty() ? a.name() : a.name() + a.params();
    }

    private static double[] gradientGrid() {
        DoubleStream regular = DoubleStream.iterate(-1000, k -> k <= 1000, k -> k + 1).map(k -> k * 0.05);
        DoubleStream nearZero = DoubleStream.of(1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 0.1).flatMap(v -> DoubleStream.of(v, -v));
        Random random = new Random(5);
        DoubleStream scattered = DoubleStream.concat(random.doubles(400, -8, 8), random.doubles(100, -50, 50));
        return DoubleStream.concat(DoubleStream.concat(regular, nearZero), scattered).toArray();
    }
}
