package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameter;

/**
 * Tests the test kit: every check of {@link OptimizerContractTest} passes on a correct optimizer and
 * fails on one broken in the way the check is about. A check added to the kit without a fault that
 * trips it fails {@link #everyCheckIsShownToFail()}.
 */
class OptimizerContractSelfTest extends ContractSelfTest<OptimizerContractSelfTest.Fault> {

    /** The ways {@link TestSgd} can be broken. */
    enum Fault {
        NONE,
        HALVES_GRADIENTS,
        DRIFTS,
        ASCENDS,
        SHARES_MOMENTUM,
        ADDS_NOISE,
        ALLOCATES,
        ZERO_RATE,
        BAD_NAME,
        FORGETS_PARAMS
    }

    /** Which fault shows that each check can fail, and how. */
    private static final Map<String, Trip<Fault>> TRIPPED_BY = Map.of(
            "gradientsAreNotModified", new Trip<>(Fault.HALVES_GRADIENTS, "gradients after 3 updates"),
            "zeroGradientLeavesValues", new Trip<>(Fault.DRIFTS, "values after 3 updates with zero gradients"),
            "descendsOnAConvexQuadratic", new Trip<>(Fault.ASCENDS, "0.5 ||p - target||^2 after 50 updates"),
            "updatersShareNoState", new Trip<>(Fault.SHARES_MOMENTUM, "while another updater made three"),
            "deterministic", new Trip<>(Fault.ADDS_NOISE, "the same 5 updates twice"),
            "updateAllocatesNothing", new Trip<>(Fault.ALLOCATES, "bytes allocated by 10000 updates"),
            "learningRateIsPositive", new Trip<>(Fault.ZERO_RATE, "learningRate()"),
            "nameDescriptionAndParams", new Trip<>(Fault.BAD_NAME, "[name]"),
            "discoveredByServiceLoader", new Trip<>(Fault.NONE, "Unknown optimizer 'test_sgd'"));

    /** SGD with momentum 0.5: the simplest optimizer with state, broken on request. */
    static final class TestSgd implements Optimizer {
        private static final List<ParamSpec> SPECS =
                List.of(ParamSpec.ofDouble("lr", 0.1, Range.greaterThan(0), "learning rate"));
        private static final double MOMENTUM = 0.5;
        private static double[] sharedMomentum = new double[0];
        private static final Random UNSEEDED = new Random();

        private final Fault fault;
        private final Params params;

        TestSgd(Fault fault) {
            this(fault, Params.of(SPECS, Map.of()));
        }

        private TestSgd(Fault fault, Params params) {
            this.fault = fault;
            this.params = params;
        }

        @Override
        public String name() {
            return fault == Fault.BAD_NAME ? "TestSGD" : "test_sgd";
        }

        @Override
        public String description() {
            return "Momentum SGD, or something like it";
        }

        @Override
        public List<ParamSpec> parameters() {
            return SPECS;
        }

        @Override
        public TestSgd configure(Params params) {
            return new TestSgd(fault, params);
        }

        @Override
        public Params params() {
            return fault == Fault.FORGETS_PARAMS ? Params.empty() : params;
        }

        @Override
        public double learningRate() {
            return fault == Fault.ZERO_RATE ? 0 : params.getDouble("lr");
        }

        @Override
        public Updater newUpdater(List<Parameter> parameters) {
            int total = parameters.stream().mapToInt(Parameter::size).sum();
            double[] momentum = new double[total];
            if (fault == Fault.SHARES_MOMENTUM && sharedMomentum.length != total) {
                sharedMomentum = new double[total];
            }
            return new Updater() {
                private double[] last;

                @Override
                public void update(double rate) {
                    double[] b = fault == Fault.SHARES_MOMENTUM ? sharedMomentum : momentum;
                    if (fault == Fault.ALLOCATES) {
                        last = new double[total]; // kept, so escape analysis cannot remove it
                    }
                    int k = 0;
                    for (int j = 0; j < parameters.size(); j++) {
                        Parameter p = parameters.get(j);
                        double[] v = p.value().data;
                        double[] g = p.gradient().data;
                        for (int i = 0; i < p.size(); i++, k++) {
                            b[k] = MOMENTUM * b[k] + g[i];
                            double step = rate * b[k];
                            switch (fault) {
                                case ASCENDS -> v[i] += step;
                                case DRIFTS -> v[i] -= step + 1e-3;
                                case ADDS_NOISE -> v[i] -= step + 1e-9 * UNSEEDED.nextGaussian();
                                default -> v[i] -= step;
                            }
                            if (fault == Fault.HALVES_GRADIENTS) {
                                g[i] *= 0.5;
                            }
                        }
                    }
                }
            };
        }
    }

    @Override
    Class<?> contract() {
        return OptimizerContractTest.class;
    }

    @Override
    Object contractFor(Fault fault) {
        return new OptimizerContractTest() {
            @Override
            protected Optimizer createOptimizer() {
                return new TestSgd(fault);
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
    void forgettingParamsIsCaught() {
        assertThatThrownBy(() -> run("nameDescriptionAndParams", Fault.FORGETS_PARAMS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("params() of test_sgd holds every declared parameter");
    }
}
