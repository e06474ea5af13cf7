package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.ParameterRole;

/**
 * The contract every {@link Initializer} keeps. A plugin's test subclasses this, names the plugin
 * at its defaults, says what it supports, and states the statistics it promises:
 *
 * <pre>{@code
 * class OrthogonalInitializerTest extends InitializerContractTest {
 *     @Override
 *     protected Initializer createInitializer() {
 *         return new OrthogonalInitializer();
 *     }
 *
 *     @Override
 *     protected boolean supportsVectors() {
 *         return false; // a vector has no orthogonal form
 *     }
 *
 *     @Override
 *     protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
 *         // Q^T Q = I for every gate block
 *     }
 * }
 * }</pre>
 *
 * <p>The shared checks run on {@link #shapes()}: square and non-square matrices, gated tensors and
 * vectors. A shape the capability flags call supported must be filled completely, with finite values
 * that depend on the seed and on nothing else; any other shape must be refused with an
 * {@link IllegalArgumentException} whose message names the shape found, written as {@link Shape#text()}
 * writes it ({@code 7x3} for a matrix, {@code [9]} for a vector). A wrong flag fails a check, so a flag
 * cannot skip one silently; to skip a check, override it with a comment saying why.
 *
 * <p>The standard shapes name no gates. A plugin that finds gate blocks by name (an LSTM's forget gate)
 * adds shapes named as a cell names them, {@code Shape.gatedVector(4 * 5, 4).withGateNames("input",
 * "forget", "cell", "output")}, to {@link #shapes()}, and overrides {@link #supports(Shape)} to say which
 * names it fills.
 *
 * <p>Every check is a public method, so a test of this kit can run one on a deliberately broken plugin.
 */
public abstract class InitializerContractTest {
    /** The name of the random stream every check draws from; any fixed name would do. */
    protected static final String STREAM = "init/contract";
    /** The seed of checks that need one seed. */
    protected static final long SEED = 20240611L;

    /**
     * Shapes with at least this many elements must differ between seeds for a random initializer;
     * smaller ones may legitimately coincide (a 1x1 orthogonal matrix is +1 or -1).
     */
    private static final int DISTINCT_BETWEEN_SEEDS_MIN_ELEMENTS = 16;

    /** The shapes cells hand to initializers: plain, non-square, LSTM- and GRU-like gated, vectors. */
    private static final List<Shape> STANDARD_SHAPES = List.of(
            Shape.matrix(1, 1),
            Shape.matrix(7, 3),
            Shape.matrix(3, 7),
            Shape.matrix(16, 16),
            Shape.gated(4 * 5, 5, 4),
            Shape.gated(3 * 4, 6, 3),
            Shape.vector(1),
            Shape.vector(9),
            Shape.gatedVector(4 * 5, 4));

    /** The plugin under test, as its no-argument constructor makes it. */
    protected abstract Initializer createInitializer();

    /** Whether the plugin fills vectors (biases, IndRNN's recurrent weight). */
    protected boolean supportsVectors() {
        return true;
    }

    /** Whether the plugin fills matrices whose gate blocks are not square. */
    protected boolean supportsNonSquare() {
        return true;
    }

    /** Whether the values depend on the random generator; a deterministic plugin must ignore it. */
    protected boolean isRandom() {
        return true;
    }

    /** Where the plugin must be discovered. */
    protected Registries registries() {
        return Registries.standard();
    }

    /** The shapes the shared checks use. Override to add shapes the plugin is special about. */
    protected List<Shape> shapes() {
        return STANDARD_SHAPES;
    }

    /** Whether the capability flags say the plugin fills {@code shape}. */
    protected boolean supports(Shape shape) {
        if (shape.vector()) {
            return supportsVectors();
        }
        return shape.hasSquareBlocks() || supportsNonSquare();
    }

    /**
     * The shapes {@link #checkStatistics} sees: by default every supported shape of {@link #shapes()}.
     * Override to add shapes large enough for a sample variance to mean something.
     */
    protected List<Shape> statisticsShapes() {
        return supportedShapes();
    }

    /**
     * Asserts what the plugin promises about the values it wrote, such as their variance or
     * orthogonality. Called with the plugin at its defaults on every shape of {@link #statisticsShapes()}.
     *
     * @param filled the filled tensor. Not modified.
     * @param context the context it was filled with
     */
    protected abstract void checkStatistics(DMatrixRMaj filled, InitContext context);

    /** {@code shapes} followed by {@code more}: for overrides of {@link #statisticsShapes()}. */
    protected static List<Shape> plus(List<Shape> shapes, Shape... more) {
        return Stream.concat(shapes.stream(), Stream.of(more)).toList();
    }

    /**
     * The plugin configured with {@code values} through {@link #registries()}, as a spec would name it,
     * so parameter checks and their messages are those a user sees.
     */
    protected Initializer configured(Map<String, ?> values) {
        return registries().initializers().create(createInitializer().name(), values);
    }

    /** The generator of the stream {@link #STREAM} under {@code seed}, as a run would create it. */
    protected static RandomGenerator random(long seed) {
        return new RandomStreams(seed).stream(STREAM);
    }

    /**
     * A new tensor of this shape filled by {@code initializer} from the stream of {@code seed}.
     * A refusal is reported as a failed assertion, since the caller expects the shape to be supported.
     */
    protected static DMatrixRMaj fill(Initializer initializer, Shape shape, long seed) {
        return fill(initializer, shape, seed, Double.NaN);
    }

    private static DMatrixRMaj fill(Initializer initializer, Shape shape, long seed, double previous) {
        DMatrixRMaj target = shape.filledWith(previous);
        try {
            initializer.initialize(target, shape.context(), random(seed));
        } catch (IllegalArgumentException e) {
            throw new AssertionError(initializer.name() + " refused " + shape
                    + ", which this test says it supports (fix the capability flags if it should not): "
                    + e.getMessage(), e);
        }
        return target;
    }

    private List<Shape> supportedShapes() {
        return shapes().stream().filter(this::supports).toList();
    }

    @Test
    public void fillsEverySupportedShapeWithFiniteValues() {
        Initializer initializer = createInitializer();
        for (Shape shape : supportedShapes()) {
            DMatrixRMaj target = fill(initializer, shape, SEED);
            if (target.numRows != shape.rows() || target.numCols != shape.cols()) {
                fail("%s changed the shape of %s to %dx%d", initializer.name(), shape, target.numRows, target.numCols);
            }
            for (int r = 0; r < target.numRows; r++) {
                for (int c = 0; c < target.numCols; c++) {
                    double v = target.get(r, c);
                    if (Double.isNaN(v)) {
                        fail("%s left element (%d, %d) of %s NaN: it was not written, or written as NaN",
                                initializer.name(), r, c, shape);
                    }
                    if (Double.isInfinite(v)) {
                        fail("%s wrote the non-finite value %s at (%d, %d) of %s", initializer.name(), v, r, c, shape);
                    }
                }
            }
        }
    }

    @Test
    public void valuesDoNotDependOnWhatTheTargetHeld() {
        Initializer initializer = createInitializer();
        for (Shape shape : supportedShapes()) {
            DMatrixRMaj fromNaN = fill(initializer, shape, SEED, Double.NaN);
            DMatrixRMaj fromValue = fill(initializer, shape, SEED, -3.25);
            assertBitIdentical(fromNaN, fromValue, initializer.name() + " gave different values for " + shape
                    + " depending on what the target held before; it must overwrite every element, not update it");
        }
    }

    @Test
    public void refusesUnsupportedShapesNamingThem() {
        Initializer initializer = createInitializer();
        for (Shape shape : shapes()) {
            if (supports(shape)) {
                continue;
            }
            DMatrixRMaj target = shape.filledWith(Double.NaN);
            IllegalArgumentException refusal = null;
            try {
                initializer.initialize(target, shape.context(), random(SEED));
            } catch (IllegalArgumentException e) {
                refusal = e;
            }
            if (refusal == null) {
                fail("%s filled %s, which this test says it refuses; if it supports the shape, fix the capability flags",
                        initializer.name(), shape);
            }
            String message = String.valueOf(refusal.getMessage());
            if (!message.contains(shape.text())) {
                fail("%s refused %s with a message that does not name the shape found (%s): %s",
                        initializer.name(), shape, shape.text(), message);
            }
        }
    }

    @Test
    public void sameSeedGivesBitIdenticalValues() {
        Initializer initializer = createInitializer();
        for (Shape shape : supportedShapes()) {
            DMatrixRMaj first = fill(initializer, shape, SEED);
            DMatrixRMaj second = fill(initializer, shape, SEED);
            assertBitIdentical(first, second, initializer.name() + " gave different values for " + shape
                    + " on two runs with seed " + SEED + "; it must draw only from the generator it is given"
                    + " and keep no state between calls");
        }
    }

    @Test
    public void differentSeedsGiveDifferentValuesExactlyWhenRandom() {
        Initializer initializer = createInitializer();
        long otherSeed = SEED + 1;
        boolean comparedAny = false;
        for (Shape shape : supportedShapes()) {
            DMatrixRMaj a = fill(initializer, shape, SEED);
            DMatrixRMaj b = fill(initializer, shape, otherSeed);
            int differing = firstDifference(a, b);
            if (!isRandom()) {
                if (differing >= 0) {
                    fail("%s is declared not random, but seeds %d and %d give different values for %s",
                            initializer.name(), SEED, otherSeed, shape);
                }
            } else if (shape.size() >= DISTINCT_BETWEEN_SEEDS_MIN_ELEMENTS) {
                comparedAny = true;
                if (differing < 0) {
                    fail("%s gave identical values for %s with seeds %d and %d; it must draw from the generator"
                            + " it is given (or declare isRandom() false)", initializer.name(), shape, SEED, otherSeed);
                }
            }
        }
        if (isRandom() && !comparedAny) {
            fail("%s supports no shape of %d or more elements, so nothing showed that the seed matters; add one to shapes()",
                    initializer.name(), DISTINCT_BETWEEN_SEEDS_MIN_ELEMENTS);
        }
    }

    @Test
    public void nameDescriptionAndParametersAreWellFormed() {
        Initializer initializer = createInitializer();
        assertThat(initializer.name()).as("the name of %s", initializer.getClass().getName())
                .matches("[a-z][a-z0-9_]*");
        assertThat(initializer.description()).as("the description of %s", initializer.name())
                .isNotBlank()
                .doesNotContain("\n");
        Set<String> seen = new HashSet<>();
        for (ParamSpec spec : initializer.parameters()) {
            assertThat(seen.add(spec.name())).as("%s declares parameter '%s' twice", initializer.name(), spec.name())
                    .isTrue();
            assertThat(spec.description()).as("the description of %s.%s", initializer.name(), spec.name())
                    .isNotBlank();
        }
    }

    @Test
    public void defaultParamsRoundTrip() {
        Initializer initializer = createInitializer();
        Params defaults = Params.of(initializer.parameters(), Map.of());
        assertThat(initializer.params()).as("%s.params() at its defaults", initializer.name()).isEqualTo(defaults);
        Initializer configured = initializer.configure(defaults);
        assertThat(configured).as("%s.configure(defaults)", initializer.name())
                .isExactlyInstanceOf(initializer.getClass());
        assertThat(configured.name()).as("%s.configure(defaults).name()", initializer.name())
                .isEqualTo(initializer.name());
        assertThat(configured.params()).as("%s.configure(defaults).params()", initializer.name()).isEqualTo(defaults);
    }

    @Test
    public void configuredWithDefaultsFillsAsTheDefault() {
        Initializer initializer = createInitializer();
        Initializer configured = initializer.configure(Params.of(initializer.parameters(), Map.of()));
        for (Shape shape : supportedShapes()) {
            assertBitIdentical(fill(initializer, shape, SEED), fill(configured, shape, SEED),
                    initializer.name() + ".configure(defaults) fills " + shape + " differently from the default instance");
        }
    }

    @Test
    public void isDiscoveredByName() {
        Initializer initializer = createInitializer();
        PluginRegistry<Initializer> registry = registries().initializers();
        if (!registry.contains(initializer.name())) {
            fail("%s is not registered; the registry knows initializers %s. List %s in "
                    + "META-INF/services/org.rnnlab.spi.Initializer", initializer.name(), registry.names(),
                    initializer.getClass().getName());
        }
        Initializer found = registry.get(initializer.name());
        if (found.getClass() != initializer.getClass()) {
            fail("the initializer registered as '%s' is %s, not %s", initializer.name(), found.getClass().getName(),
                    initializer.getClass().getName());
        }
    }

    @Test
    public void keepsItsStatisticalPromises() {
        Initializer initializer = createInitializer();
        for (Shape shape : statisticsShapes()) {
            checkStatistics(fill(initializer, shape, SEED), shape.context());
        }
    }

    /** Fails with {@code message} and the first differing element unless a and b agree bit for bit. */
    protected static void assertBitIdentical(DMatrixRMaj a, DMatrixRMaj b, String message) {
        int i = firstDifference(a, b);
        if (i >= 0) {
            fail("%s (first at (%d, %d): %s vs %s)", message, i / a.numCols, i % a.numCols, a.data[i], b.data[i]);
        }
    }

    /** The index of the first element whose bits differ, or -1; a shape mismatch counts at index 0. */
    private static int firstDifference(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            return 0;
        }
        for (int i = 0; i < a.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(a.data[i]) != Double.doubleToRawLongBits(b.data[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A tensor's shape as a cell declares it.
     *
     * @param rows rows of the stored matrix; a vector's length
     * @param cols columns of the stored matrix; 1 for a vector
     * @param gates gate blocks stacked along the rows; 1 if ungated
     * @param vector whether the tensor is one-dimensional, stored as a column
     * @param gateNames the gate blocks' names in row order, as {@link InitContext#gateNames()}; empty if
     *     the cell does not name them, otherwise exactly {@code gates} names
     */
    public record Shape(int rows, int cols, int gates, boolean vector, List<String> gateNames) {

        public Shape {
            gateNames = List.copyOf(gateNames);
            if (rows < 1 || cols < 1 || gates < 1 || rows % gates != 0 || (vector && cols != 1)
                    || (!gateNames.isEmpty() && gateNames.size() != gates)) {
                throw new IllegalArgumentException("Not a tensor shape: " + rows + "x" + cols + ", gates " + gates
                        + (vector ? ", vector" : "") + (gateNames.isEmpty() ? "" : ", gate names " + gateNames));
            }
        }

        /** A shape whose gate blocks have no names. */
        public Shape(int rows, int cols, int gates, boolean vector) {
            this(rows, cols, gates, vector, List.of());
        }

        /** An ungated [rows x cols] matrix. */
        public static Shape matrix(int rows, int cols) {
            return new Shape(rows, cols, 1, false);
        }

        /** A [rows x cols] matrix of {@code gates} blocks of {@code rows / gates} rows each. */
        public static Shape gated(int rows, int cols, int gates) {
            return new Shape(rows, cols, gates, false);
        }

        /** An ungated vector. */
        public static Shape vector(int length) {
            return new Shape(length, 1, 1, true);
        }

        /** A vector of {@code gates} blocks, such as an LSTM's bias. */
        public static Shape gatedVector(int length, int gates) {
            return new Shape(length, 1, gates, true);
        }

        /**
         * This shape with one gate block per name, named in row order as a cell names them (LSTM's
         * input, forget, cell, output), for initializers that find blocks by name.
         */
        public Shape withGateNames(String... names) {
            return new Shape(rows, cols, gates, vector, List.of(names));
        }

        /** The rows of one gate block. */
        public int blockRows() {
            return rows / gates;
        }

        /** Whether this is a matrix whose gate blocks are square. */
        public boolean hasSquareBlocks() {
            return !vector && blockRows() == cols;
        }

        public int size() {
            return rows * cols;
        }

        /**
         * The context a cell would pass: recurrent weights for matrices, biases for vectors, with the
         * gate names if any, in the only layer of a model.
         */
        public InitContext context() {
            return new InitContext(vector ? ParameterRole.BIAS : ParameterRole.RECURRENT_WEIGHT, gates, vector, "",
                    gateNames, 0, 1);
        }

        /** A new tensor of this shape with every element {@code value}. */
        public DMatrixRMaj filledWith(double value) {
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            Arrays.fill(m.data, 0, m.getNumElements(), value);
            return m;
        }

        /** The shape as an error message must name it: {@code 7x3} for a matrix, {@code [9]} for a vector. */
        public String text() {
            return vector ? "[" + rows + "]" : rows + "x" + cols;
        }

        @Override
        public String toString() {
            return (vector ? "vector " : "") + text() + (gates > 1 ? " of " + gates + " gate blocks" : "")
                    + (gateNames.isEmpty() ? "" : " " + gateNames);
        }
    }
}
