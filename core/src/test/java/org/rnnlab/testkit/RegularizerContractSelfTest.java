package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.Regularizer;

/**
 * Tests the test kit: every check of {@link RegularizerContractTest} passes on a correct regularizer
 * and fails on one broken in the way the check is about. A check added to the kit without a fault
 * that trips it fails {@link #everyCheckIsShownToFail()}.
 */
class RegularizerContractSelfTest extends ContractSelfTest<RegularizerContractSelfTest.Fault> {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));
    private static final int HIDDEN = 3;
    private static final double ALPHA = 2;

    /** The ways {@link TestPenalty} can be broken. */
    enum Fault {
        NONE,
        REFUSES_MODEL,
        WRITES_VALUES,
        OVERWRITES_GRADIENTS,
        NEGATIVE_VALUE,
        COUNTS_CALLS,
        GRADIENT_ONE_PERCENT_HIGH,
        NAN_AFTER_TWO_UPDATES,
        BAD_NAME,
        VALUE_WITHOUT_ALPHA,
        TOUCHES_BIAS,
        ZERO_WEIGHT,
        FORGETS_PARAMS
    }

    /** Which fault shows that each check can fail, and how. */
    private static final Map<String, Trip<Fault>> TRIPPED_BY = Map.of(
            "checkModel", new Trip<>(Fault.REFUSES_MODEL, "problems test_penalty finds with the contract's model"),
            "valuesAreNotModified", new Trip<>(Fault.WRITES_VALUES, "values after addGradient"),
            "addsToTheGradients", new Trip<>(Fault.OVERWRITES_GRADIENTS, "gradient G + g: element"),
            "valueIsFiniteAndNonNegative", new Trip<>(Fault.NEGATIVE_VALUE, "value addGradient returns on batch 0"),
            "deterministic", new Trip<>(Fault.COUNTS_CALLS, "gradients added twice after the same pass"),
            "gradientIsThatOfTheFrozenPenalty", new Trip<>(Fault.GRADIENT_ONE_PERCENT_HIGH,
                    "whose added gradient disagrees with central differences of the frozen penalty"),
            "trainsFiniteAndReproducibly", new Trip<>(Fault.NAN_AFTER_TWO_UPDATES, "regularization at update 3"),
            "nameDescriptionAndParams", new Trip<>(Fault.BAD_NAME, "[name]"),
            "discoveredByServiceLoader", new Trip<>(Fault.NONE, "Unknown regularizer 'test_penalty'"));

    /**
     * Ω = ½ Σ_ij s_j U_ij², U layer 0's {@code weight_hh} and s_j the mean over sequences and steps
     * t = 1..T of |dL/dh_t|_j (held fixed, as Pascanu et al. hold δ fixed); adds α s_j U_ij to U's
     * gradient and returns α Ω. Correct unless given a fault.
     */
    static final class TestPenalty implements Regularizer {
        private static final List<ParamSpec> SPECS =
                List.of(ParamSpec.ofDouble("alpha", 1.0, Range.atLeast(0), "the weight of the penalty"));
        private static final AtomicLong CALLS = new AtomicLong();

        private final Fault fault;
        private final Params params;

        TestPenalty(Fault fault) {
            this(fault, Params.of(SPECS, Map.of("alpha", fault == Fault.ZERO_WEIGHT ? 0.0 : ALPHA)));
        }

        private TestPenalty(Fault fault, Params params) {
            this.fault = fault;
            this.params = params;
        }

        @Override
        public String name() {
            return fault == Fault.BAD_NAME ? "Test-Penalty" : "test_penalty";
        }

        @Override
        public String description() {
            return "A weight penalty scaled by the mean |dL/dh|, correct or broken on request";
        }

        @Override
        public List<ParamSpec> parameters() {
            return SPECS;
        }

        @Override
        public Regularizer configure(Params p) {
            return new TestPenalty(fault, p);
        }

        @Override
        public Params params() {
            return fault == Fault.FORGETS_PARAMS ? Params.empty() : params;
        }

        @Override
        public void checkModel(ModelSpec spec, String path, List<String> problems) {
            if (fault == Fault.REFUSES_MODEL) {
                problems.add(path + ": test_penalty refuses every model");
            }
        }

        @Override
        public double addGradient(Bptt bptt, long update) {
            double alpha = params.getDouble("alpha");
            double[] s = slopes(bptt);
            Parameter u = bptt.model().namedParameters().get("rnn.weight_hh_l0");
            double[] w = u.value().data;
            double[] g = u.gradient().data;
            double factor = fault == Fault.GRADIENT_ONE_PERCENT_HIGH ? 1.01 : 1;
            if (fault == Fault.COUNTS_CALLS) {
                factor *= 1 + 1e-6 * CALLS.incrementAndGet();
            }
            double omega = 0;
            for (int i = 0; i < HIDDEN; i++) {
                for (int j = 0; j < HIDDEN; j++) {
                    int k = i * HIDDEN + j;
                    omega += 0.5 * s[j] * w[k] * w[k];
                    double term = factor * alpha * s[j] * w[k];
                    g[k] = fault == Fault.OVERWRITES_GRADIENTS ? term : g[k] + term;
                }
            }
            if (fault == Fault.WRITES_VALUES) {
                w[0] *= 0.5;
            }
            if (fault == Fault.TOUCHES_BIAS) {
                bptt.model().namedParameters().get("rnn.bias_l0").gradient().data[1] += 1e-3;
            }
            if (fault == Fault.NAN_AFTER_TWO_UPDATES && update > 2) {
                return Double.NaN;
            }
            double value = fault == Fault.VALUE_WITHOUT_ALPHA ? omega : alpha * omega;
            return fault == Fault.NEGATIVE_VALUE ? -value : value;
        }

        /** s_j: the mean of |dL/dh_t|_j over sequences and steps 1..T of layer 0. */
        static double[] slopes(Bptt bptt) {
            RecurrentLayer layer = bptt.layer(0);
            double[] s = new double[HIDDEN];
            for (int t = 1; t <= layer.steps(); t++) {
                DMatrixRMaj d = layer.stateGradient(t)[0];
                for (int b = 0; b < layer.batch(); b++) {
                    for (int j = 0; j < HIDDEN; j++) {
                        s[j] += Math.abs(d.get(b, j)) / (layer.steps() * layer.batch());
                    }
                }
            }
            return s;
        }
    }

    @Override
    Class<?> contract() {
        return RegularizerContractTest.class;
    }

    @Override
    Object contractFor(Fault fault) {
        return new RegularizerContractTest() {
            @Override
            protected Regularizer createRegularizer() {
                return new TestPenalty(fault);
            }

            @Override
            protected Registries registries() {
                return TOY;
            }

            @Override
            protected ModelSpec modelSpec() {
                return ModelSpec.builder(ModelFixtures.INPUT).layer(LayerSpec.of("toy", HIDDEN))
                        .output(2, Loss.MSE, ReadAt.EVERY).build();
            }

            /** ½ α Σ s_j U_ij², s from this pass, U read afresh at each call; written apart from addGradient. */
            @Override
            protected DoubleSupplier frozenPenalty(Bptt bptt) {
                double[] s = TestPenalty.slopes(bptt);
                double alpha = new TestPenalty(fault).params.getDouble("alpha");
                DMatrixRMaj u = bptt.model().namedParameters().get("rnn.weight_hh_l0").value();
                return () -> {
                    double sum = 0;
                    for (int i = 0; i < HIDDEN; i++) {
                        for (int j = 0; j < HIDDEN; j++) {
                            sum += s[j] * u.get(i, j) * u.get(i, j);
                        }
                    }
                    return alpha * sum / 2;
                };
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
    void aValueThatIsNotTheFrozenPenaltyIsCaught() {
        assertThatThrownBy(() -> run("gradientIsThatOfTheFrozenPenalty", Fault.VALUE_WITHOUT_ALPHA))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("value addGradient returns on batch 0, against the frozen penalty");
    }

    @Test
    void aGradientForAParameterThePenaltyIgnoresIsCaught() {
        assertThatThrownBy(() -> run("gradientIsThatOfTheFrozenPenalty", Fault.TOUCHES_BIAS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("rnn.bias_l0[1]: analytic 0.001, numeric ");
    }

    @Test
    void aPenaltyFlatAtTheTestModelProvesNothing() {
        assertThatThrownBy(() -> run("gradientIsThatOfTheFrozenPenalty", Fault.ZERO_WEIGHT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("choose a model or batches where the penalty is not flat");
    }

    @Test
    void forgettingParamsIsCaught() {
        assertThatThrownBy(() -> run("nameDescriptionAndParams", Fault.FORGETS_PARAMS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("params() of test_penalty holds every declared parameter");
    }
}
