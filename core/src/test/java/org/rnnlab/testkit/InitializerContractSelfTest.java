package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Plugin;

/**
 * Tests the test kit: every check of {@link InitializerContractTest} passes on a correct initializer,
 * and fails, for the reason it gives, on one broken in the way the check is about. A check added to
 * the kit without a broken initializer that trips it fails {@link #everyCheckIsShownToFail()}.
 */
class InitializerContractSelfTest {

    /** The ways {@link TestGaussian} can be broken. */
    enum Fault {
        NONE,
        SKIPS_LAST_ELEMENT,
        WRITES_INFINITY,
        TRANSPOSES_TARGET,
        ADDS_TO_CONTENTS,
        KEEPS_OWN_GENERATOR,
        IGNORES_SEED,
        REFUSES_VECTORS,
        REFUSES_VECTORS_VAGUELY,
        DOUBLES_STD,
        FORGETS_PARAMS,
        CONFIGURED_COPY_DOUBLES_STD,
        BAD_NAME
    }

    /** N(0, std^2) in every element, ignoring gates: the simplest correct initializer, broken on request. */
    static final class TestGaussian implements Initializer {
        static final String NAME = "test_gaussian";
        static final List<ParamSpec> PARAMETERS =
                List.of(ParamSpec.ofDouble("std", 1.0, Range.atLeast(0), "standard deviation"));

        private final Fault fault;
        private final Params params;
        private RandomGenerator own;

        TestGaussian(Fault fault) {
            this(fault, Params.of(PARAMETERS, Map.of()));
        }

        private TestGaussian(Fault fault, Params params) {
            this.fault = fault;
            this.params = params;
        }

        @Override
        public String name() {
            return fault == Fault.BAD_NAME ? "Test-Gaussian" : NAME;
        }

        @Override
        public String description() {
            return "N(0, std^2) everywhere, broken on request";
        }

        @Override
        public List<ParamSpec> parameters() {
            return PARAMETERS;
        }

        @Override
        public Initializer configure(Params params) {
            return new TestGaussian(fault == Fault.CONFIGURED_COPY_DOUBLES_STD ? Fault.DOUBLES_STD : fault, params);
        }

        @Override
        public Params params() {
            return fault == Fault.FORGETS_PARAMS ? Params.empty() : params;
        }

        @Override
        public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
            if (context.vector() && fault == Fault.REFUSES_VECTORS) {
                throw new IllegalArgumentException(NAME + " needs a matrix, found a vector [" + target.numRows + "]");
            }
            if (context.vector() && fault == Fault.REFUSES_VECTORS_VAGUELY) {
                throw new IllegalArgumentException(NAME + " cannot fill vectors");
            }
            RandomGenerator source = switch (fault) {
                case IGNORES_SEED -> new Well19937c(99);
                case KEEPS_OWN_GENERATOR -> {
                    if (own == null) {
                        own = new Well19937c(random.nextLong());
                    }
                    yield own;
                }
                default -> random;
            };
            double std = params.getDouble("std") * (fault == Fault.DOUBLES_STD ? 2 : 1);
            int n = target.getNumElements();
            int written = fault == Fault.SKIPS_LAST_ELEMENT ? n - 1 : n;
            for (int i = 0; i < written; i++) {
                double value = std * source.nextGaussian();
                target.data[i] = fault == Fault.ADDS_TO_CONTENTS ? target.data[i] + value : value;
            }
            if (fault == Fault.WRITES_INFINITY) {
                target.data[n - 1] = Double.POSITIVE_INFINITY;
            }
            if (fault == Fault.TRANSPOSES_TARGET) {
                target.reshape(target.numCols, target.numRows);
            }
        }
    }

    /** A contract for the plugin with the given capability flags, discovered in the given registries. */
    private static InitializerContractTest contract(Initializer plugin, boolean vectors, boolean random,
            Supplier<Registries> registries) {
        return new InitializerContractTest() {
            @Override
            protected Initializer createInitializer() {
                return plugin;
            }

            @Override
            protected boolean supportsVectors() {
                return vectors;
            }

            @Override
            protected boolean isRandom() {
                return random;
            }

            @Override
            protected Registries registries() {
                return registries.get();
            }

            @Override
            protected List<Shape> statisticsShapes() {
                return plus(super.statisticsShapes(), Shape.matrix(64, 64));
            }

            @Override
            protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
                // Below 4096 elements the sample deviation is too loose to judge; at 4096 its standard error
                // is 1/sqrt(2 * 4096) = 1.1%, so 5% is 4.5 standard errors.
                if (filled.getNumElements() < 4096) {
                    return;
                }
                double sumOfSquares = 0;
                for (int i = 0; i < filled.getNumElements(); i++) {
                    sumOfSquares += filled.data[i] * filled.data[i];
                }
                double std = Math.sqrt(sumOfSquares / filled.getNumElements());
                if (Math.abs(std - 1.0) > 0.05) {
                    fail("sample standard deviation %s over %dx%d, promised 1", std, filled.numRows, filled.numCols);
                }
            }
        };
    }

    private static InitializerContractTest contract(Fault fault) {
        return contract(new TestGaussian(fault), true, true, () -> registriesOf(new TestGaussian(Fault.NONE)));
    }

    private static Registries registriesOf(Initializer... plugins) {
        return Registries.of(Map.<PluginKind<?>, List<? extends Plugin<?>>>of(PluginKind.INITIALIZER, List.of(plugins)));
    }

    /** Another class answering to the test plugin's name. */
    private static final class Impostor implements Initializer {
        @Override
        public String name() {
            return TestGaussian.NAME;
        }

        @Override
        public String description() {
            return "not the plugin under test";
        }

        @Override
        public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
            Arrays.fill(target.data, 0, target.getNumElements(), 0.0);
        }
    }

    /** The names of the checks: the kit's {@code @Test} methods. */
    static Stream<String> checks() {
        return Arrays.stream(InitializerContractTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .sorted();
    }

    /** Which check a broken initializer trips, and a fragment of the failure message that says why. */
    static Stream<Arguments> brokenCases() {
        return Stream.of(
                broken("fillsEverySupportedShapeWithFiniteValues", "NaN: it was not written",
                        "an element left unset", () -> contract(Fault.SKIPS_LAST_ELEMENT)),
                broken("fillsEverySupportedShapeWithFiniteValues", "non-finite value Infinity",
                        "an infinite element", () -> contract(Fault.WRITES_INFINITY)),
                broken("fillsEverySupportedShapeWithFiniteValues", "changed the shape of 7x3 to 3x7",
                        "a transposed target", () -> contract(Fault.TRANSPOSES_TARGET)),
                broken("fillsEverySupportedShapeWithFiniteValues", "which this test says it supports",
                        "vectors refused but claimed", () -> contract(Fault.REFUSES_VECTORS)),
                broken("valuesDoNotDependOnWhatTheTargetHeld", "depending on what the target held",
                        "values added to the old contents", () -> contract(Fault.ADDS_TO_CONTENTS)),
                broken("refusesUnsupportedShapesNamingThem", "which this test says it refuses",
                        "vectors filled but claimed refused",
                        () -> contract(new TestGaussian(Fault.NONE), false, true, InitializerContractSelfTest::noPlugins)),
                broken("refusesUnsupportedShapesNamingThem", "does not name the shape found ([1])",
                        "a refusal that does not name the shape",
                        () -> contract(new TestGaussian(Fault.REFUSES_VECTORS_VAGUELY), false, true,
                                InitializerContractSelfTest::noPlugins)),
                broken("sameSeedGivesBitIdenticalValues", "on two runs with seed",
                        "a generator kept between calls", () -> contract(Fault.KEEPS_OWN_GENERATOR)),
                broken("differentSeedsGiveDifferentValuesExactlyWhenRandom", "gave identical values",
                        "the seed ignored", () -> contract(Fault.IGNORES_SEED)),
                broken("differentSeedsGiveDifferentValuesExactlyWhenRandom", "is declared not random",
                        "randomness not declared",
                        () -> contract(new TestGaussian(Fault.NONE), true, false, InitializerContractSelfTest::noPlugins)),
                broken("nameDescriptionAndParametersAreWellFormed", "the name of",
                        "a name with capitals and a hyphen", () -> contract(Fault.BAD_NAME)),
                broken("defaultParamsRoundTrip", "test_gaussian.params() at its defaults",
                        "params() forgetting the values", () -> contract(Fault.FORGETS_PARAMS)),
                broken("configuredWithDefaultsFillsAsTheDefault", "configure(defaults) fills",
                        "a configured copy that behaves differently", () -> contract(Fault.CONFIGURED_COPY_DOUBLES_STD)),
                broken("isDiscoveredByName", "test_gaussian is not registered",
                        "no services entry",
                        () -> contract(new TestGaussian(Fault.NONE), true, true, InitializerContractSelfTest::noPlugins)),
                broken("isDiscoveredByName", "the initializer registered as 'test_gaussian' is",
                        "another class under the name",
                        () -> contract(new TestGaussian(Fault.NONE), true, true, () -> registriesOf(new Impostor()))),
                broken("keepsItsStatisticalPromises", "sample standard deviation",
                        "twice the promised deviation", () -> contract(Fault.DOUBLES_STD)));
    }

    private static Arguments broken(String check, String fragment, String fault, Supplier<InitializerContractTest> c) {
        return Arguments.of(check, fragment, fault, c);
    }

    private static Registries noPlugins() {
        return registriesOf();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void everyCheckPassesOnACorrectInitializer(String check) {
        run(contract(Fault.NONE), check);
    }

    @ParameterizedTest(name = "{0} fails on {2}")
    @MethodSource("brokenCases")
    void everyCheckFailsOnAnInitializerBrokenItsWay(String check, String fragment, String fault,
            Supplier<InitializerContractTest> contract) {
        assertThatThrownBy(() -> run(contract.get(), check))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(fragment);
    }

    @Test
    void everyCheckIsShownToFail() {
        Set<String> shown = brokenCases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(shown).containsExactlyInAnyOrderElementsOf(checks().toList());
    }

    @Test
    void configuredResolvesValuesThroughTheRegistries() {
        assertThat(contract(Fault.NONE).configured(Map.of("std", 2)).params().getDouble("std")).isEqualTo(2.0);
        assertThatThrownBy(() -> contract(Fault.NONE).configured(Map.of("std", -1)))
                .hasMessage("test_gaussian.std must be >= 0, found -1");
    }

    @Test
    void shapesNameThemselvesAsErrorMessagesMust() {
        assertThat(InitializerContractTest.Shape.gated(12, 6, 3).text()).isEqualTo("12x6");
        assertThat(InitializerContractTest.Shape.gatedVector(20, 4).text()).isEqualTo("[20]");
        assertThat(InitializerContractTest.Shape.gated(12, 6, 3)).hasToString("12x6 of 3 gate blocks");
        assertThatThrownBy(() -> InitializerContractTest.Shape.gated(10, 6, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a tensor shape: 10x6, gates 3");
        InitializerContractTest.Shape named = InitializerContractTest.Shape.gatedVector(6, 3)
                .withGateNames("reset", "update", "new");
        assertThat(named).hasToString("vector [6] of 3 gate blocks [reset, update, new]");
        assertThat(named.context().gateNames()).containsExactly("reset", "update", "new");
        assertThat(named.context().gateIndex("update")).isEqualTo(1);
        assertThatThrownBy(() -> InitializerContractTest.Shape.gatedVector(6, 3).withGateNames("reset", "update"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a tensor shape: 6x1, gates 3, vector, gate names [reset, update]");
    }

    /** Runs one check by name, unwrapping what it threw. */
    private static void run(InitializerContractTest contract, String check) {
        try {
            InitializerContractTest.class.getMethod(check).invoke(contract);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException exception) {
                throw exception;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot run the check " + check, e);
        }
    }
}
