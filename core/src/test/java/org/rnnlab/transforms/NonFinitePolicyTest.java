package org.rnnlab.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.DivergedException;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.TransformReport;
import org.rnnlab.testkit.GradientTransformContractTest;
import org.rnnlab.testkit.ParameterFixtures;

class NonFinitePolicyTest {

    private static GradientTransform policy(String policy) {
        return Registries.standard().gradientTransforms().create("non_finite", Map.of("policy", policy));
    }

    /**
     * An Elman layer in PyTorch's order: weight_ih [1 x 2], weight_hh [2 x 2], bias_hh [2], with the
     * given gradients and weight_hh = [[1, 2], [3, 4]].
     */
    private static List<Parameter> layer(double[] ih, double[] hh, double[] bias) {
        return List.of(
                ParameterFixtures.matrix("weight_ih", ParameterRole.INPUT_WEIGHT, 1, 2, new double[] {5, 6}, ih),
                ParameterFixtures.matrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, 2, 2, new double[] {1, 2, 3, 4}, hh),
                ParameterFixtures.vector("bias_hh", ParameterRole.BIAS, new double[] {7, 8}, bias));
    }

    private static List<Parameter> nanInWeightHh() {
        return layer(new double[] {1, 2}, new double[] {1, 1, Double.NaN, 1}, new double[] {Double.POSITIVE_INFINITY, 0});
    }

    @Nested
    class Fail extends GradientTransformContractTest {
        @Override
        protected GradientTransform createTransform() {
            return new NonFinitePolicy();
        }

        @Test
        void namesTheUpdateAndTheFirstNonFiniteElement() {
            assertThatThrownBy(() -> createTransform().apply(nanInWeightHh(), 17))
                    .isInstanceOfSatisfying(DivergedException.class, e -> {
                        assertThat(e.update()).isEqualTo(17);
                        assertThat(e.parameter()).isEqualTo("weight_hh");
                    })
                    .hasMessage("Gradient of weight_hh is not finite at update 17 (found NaN at [1, 0]); the run diverged");
        }

        @Test
        void namesAVectorElementByItsIndex() {
            List<Parameter> parameters = layer(new double[] {1, 2}, new double[4], new double[] {0, Double.NEGATIVE_INFINITY});
            assertThatThrownBy(() -> createTransform().apply(parameters, 3))
                    .isInstanceOf(DivergedException.class)
                    .hasMessage("Gradient of bias_hh is not finite at update 3 (found -Infinity at [1]); the run diverged");
        }

        @Test
        void aNormThatOverflowsNamesTheLargestGradient() {
            // Every element is finite, but ||(1.5e308, 1.5e308)|| = 2.1e308 > Double.MAX_VALUE.
            List<Parameter> parameters = layer(new double[] {1, 2}, new double[] {1.5e308, 1.5e308, 0, 0}, new double[2]);
            assertThatThrownBy(() -> createTransform().apply(parameters, 5))
                    .isInstanceOfSatisfying(DivergedException.class, e -> assertThat(e.parameter()).isEqualTo("weight_hh"))
                    .hasMessage("Gradient norm is not finite at update 5 (finite gradients whose norm overflows, "
                            + "largest in weight_hh); the run diverged");
        }

        @Test
        void largeFiniteGradientsPass() {
            List<Parameter> parameters = layer(new double[] {1e300, 2}, new double[4], new double[2]);
            assertThat(createTransform().apply(parameters, 1)).isEqualTo(TransformReport.unchanged("non_finite", 1e300));
        }
    }

    @Nested
    class Skip extends GradientTransformContractTest {
        @Override
        protected GradientTransform createTransform() {
            return policy("skip");
        }

        @Test
        void asksToSkipAndChangesNothing() {
            List<Parameter> parameters = nanInWeightHh();
            double[][] before = ParameterFixtures.gradients(parameters);
            TransformReport report = createTransform().apply(parameters, 4);
            ParameterFixtures.assertBitIdentical("gradients", parameters, ParameterFixtures.gradients(parameters), before);
            assertThat(report).isEqualTo(new TransformReport("non_finite", Double.NaN, Double.NaN, false, true,
                    "gradient of weight_hh is not finite (found NaN at [1, 0]); update skipped"));
        }
    }

    @Nested
    class Pascanu extends GradientTransformContractTest {
        @Override
        protected GradientTransform createTransform() {
            return policy("pascanu");
        }

        @Override
        protected boolean repairsNonFiniteGradients() {
            return true; // the point of the fallback
        }

        @Test
        void shrinksRecurrentWeightsAndZeroesTheRest() {
            List<Parameter> parameters = nanInWeightHh();
            TransformReport report = createTransform().apply(parameters, 9);
            // weight_hh's gradient becomes 0.02 x [[1, 2], [3, 4]]; the others become 0.
            assertThat(parameters.get(0).gradient().data).containsExactly(0, 0);
            assertThat(parameters.get(1).gradient().data).containsExactly(new double[] {0.02, 0.04, 0.06, 0.08}, within(1e-17));
            assertThat(parameters.get(2).gradient().data).containsExactly(0, 0);
            assertThat(parameters.get(0).value().data).containsExactly(5, 6);
            assertThat(report.fired()).isTrue();
            assertThat(report.skipUpdate()).isFalse();
            assertThat(report.normBefore()).isNaN();
            // 0.02 ||(1, 2, 3, 4)|| = 0.02 sqrt(30)
            assertThat(report.normAfter()).isCloseTo(0.02 * Math.sqrt(30), within(1e-16));
            assertThat(report.detail()).isEqualTo("gradient of weight_hh is not finite (found NaN at [1, 0]); "
                    + "recurrent gradients set to 0.02 x weights, others to 0");
        }

        @Test
        void aFiniteNormAboveTheThresholdAlsoTriggersIt() {
            GradientTransform transform = Registries.standard().gradientTransforms()
                    .create("non_finite", Map.of("policy", "pascanu", "threshold", 100, "factor", 0.5));
            List<Parameter> above = layer(new double[] {0, 200}, new double[4], new double[2]);
            TransformReport report = transform.apply(above, 2);
            assertThat(above.get(1).gradient().data).containsExactly(0.5, 1, 1.5, 2);
            assertThat(above.get(0).gradient().data).containsExactly(0, 0);
            assertThat(report.detail()).startsWith("gradient norm 200.0 is above threshold 100.0; ");

            // ||(60, 80)|| = 100 is not above 100.
            List<Parameter> at = layer(new double[] {60, 80}, new double[4], new double[2]);
            assertThat(transform.apply(at, 2).fired()).isFalse();
            assertThat(at.get(0).gradient().data).containsExactly(60, 80);
        }
    }

    @Test
    void thresholdAndFactorAreIgnoredByOtherPolicies() {
        GradientTransform skip = Registries.standard().gradientTransforms()
                .create("non_finite", Map.of("policy", "skip", "threshold", 1));
        List<Parameter> parameters = layer(new double[] {60, 80}, new double[4], new double[2]);
        assertThat(skip.apply(parameters, 1)).isEqualTo(TransformReport.unchanged("non_finite", 100));
    }

    @Test
    void unknownPolicy() {
        assertThatThrownBy(() -> policy("skipp"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("non_finite.policy must be one of [fail, skip, pascanu], found \"skipp\" (did you mean 'skip'?)");
    }
}
