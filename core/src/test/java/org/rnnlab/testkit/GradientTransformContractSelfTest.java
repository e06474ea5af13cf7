package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;

/**
 * Tests the test kit: every check of {@link GradientTransformContractTest} passes on a correct
 * transform and fails on one broken in the way the check is about. A check added to the kit without
 * a fault that trips it fails {@link #everyCheckIsShownToFail()}.
 */
class GradientTransformContractSelfTest extends ContractSelfTest<GradientTransformContractSelfTest.Fault> {

    /** The ways {@link TestClip} can be broken. */
    enum Fault {
        NONE,
        WRITES_VALUES,
        COUNTS_CALLS,
        REPORTS_L1_NORM,
        REPORTS_STALE_NORM_AFTER,
        ALWAYS_HALVES,
        ZEROES_NON_FINITE,
        BAD_NAME,
        FORGETS_PARAMS
    }

    /** Which fault shows that each check can fail, and how. */
    private static final Map<String, Trip<Fault>> TRIPPED_BY = Map.of(
            "valuesAreNotModified", new Trip<>(Fault.WRITES_VALUES, "values after a transform of gradients"),
            "deterministic", new Trip<>(Fault.COUNTS_CALLS, "transformed twice"),
            "reportsTrueNorms", new Trip<>(Fault.REPORTS_L1_NORM, "normBefore of gradients of norm"),
            "smallGradientsPassUnchanged", new Trip<>(Fault.ALWAYS_HALVES, "gradients of norm 0.001"),
            "nonFiniteGradientsAreNotHidden", new Trip<>(Fault.ZEROES_NON_FINITE, "neither stopped, skipped nor repaired"),
            "nameDescriptionAndParams", new Trip<>(Fault.BAD_NAME, "[name]"),
            "discoveredByServiceLoader", new Trip<>(Fault.NONE, "Unknown gradient transform 'test_clip'"));

    /** Global norm clipping at threshold 1 in plain loops: the simplest correct transform, broken on request. */
    static final class TestClip implements GradientTransform {
        private static final List<ParamSpec> SPECS =
                List.of(ParamSpec.ofDouble("threshold", 1.0, Range.greaterThan(0), "largest norm kept"));
        private static final AtomicLong CALLS = new AtomicLong();

        private final Fault fault;
        private final Params params;

        TestClip(Fault fault) {
            this(fault, Params.of(SPECS, Map.of()));
        }

        private TestClip(Fault fault, Params params) {
            this.fault = fault;
            this.params = params;
        }

        @Override
        public String name() {
            return fault == Fault.BAD_NAME ? "Test-Clip" : "test_clip";
        }

        @Override
        public String description() {
            return "Clips the global norm, or fails to";
        }

        @Override
        public List<ParamSpec> parameters() {
            return SPECS;
        }

        @Override
        public TestClip configure(Params params) {
            return new TestClip(fault, params);
        }

        @Override
        public Params params() {
            return fault == Fault.FORGETS_PARAMS ? Params.empty() : params;
        }

        @Override
        public TransformReport apply(List<Parameter> parameters, long update) {
            double before = norm(parameters, fault == Fault.REPORTS_L1_NORM);
            double threshold = params.getDouble("threshold");
            double factor = before >= threshold ? threshold / before : 1;
            if (fault == Fault.COUNTS_CALLS) {
                factor *= 1 + 1e-6 * CALLS.incrementAndGet();
            } else if (fault == Fault.ALWAYS_HALVES) {
                factor = 0.5;
            }
            boolean fired = factor != 1;
            for (Parameter p : parameters) {
                double[] g = p.gradient().data;
                for (int i = 0; i < g.length; i++) {
                    g[i] = fault == Fault.ZEROES_NON_FINITE && !Double.isFinite(g[i]) ? 0 : g[i] * (fired ? factor : 1);
                }
                if (fault == Fault.WRITES_VALUES) {
                    p.value().data[0] *= 0.5;
                }
            }
            double after = fault == Fault.REPORTS_STALE_NORM_AFTER ? before : norm(parameters, fault == Fault.REPORTS_L1_NORM);
            return new TransformReport(name(), before, after, fired, false, "");
        }

        /** The exact L2 norm, or the L1 norm for {@link Fault#REPORTS_L1_NORM}. */
        private static double norm(List<Parameter> parameters, boolean l1) {
            if (!l1) {
                return ParameterFixtures.exactNorm(ParameterFixtures.gradients(parameters));
            }
            return Arrays.stream(ParameterFixtures.gradients(parameters)).flatMapToDouble(Arrays::stream).map(Math::abs).sum();
        }
    }

    @Override
    Class<?> contract() {
        return GradientTransformContractTest.class;
    }

    @Override
    Object contractFor(Fault fault) {
        return new GradientTransformContractTest() {
            @Override
            protected GradientTransform createTransform() {
                return new TestClip(fault);
            }
        };
    }

    @Override
    Map<String, Trip<Fault>> trips() {
        return TRIPPED_BY;
    }

    @Override
    Fault noFault() {
        return Fault.NONE;
    }

    @Test
    void reportingAStaleNormAfterIsCaught() {
        assertThatThrownBy(() -> run("reportsTrueNorms", Fault.REPORTS_STALE_NORM_AFTER))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("normAfter");
    }

    @Test
    void forgettingParamsIsCaught() {
        assertThatThrownBy(() -> run("nameDescriptionAndParams", Fault.FORGETS_PARAMS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("params() of test_clip holds every declared parameter");
    }
}
