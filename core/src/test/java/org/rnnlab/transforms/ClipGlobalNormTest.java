package org.rnnlab.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.TransformReport;
import org.rnnlab.testkit.GradientTransformContractTest;
import org.rnnlab.testkit.ParameterFixtures;

class ClipGlobalNormTest extends GradientTransformContractTest {

    @Override
    protected GradientTransform createTransform() {
        return new ClipGlobalNorm();
    }

    private static GradientTransform clip(double threshold, double epsilon) {
        return Registries.standard().gradientTransforms()
                .create("clip_global_norm", Map.of("threshold", threshold, "epsilon", epsilon));
    }

    /** weight_hh [1 x 1] with gradient a and bias_hh [1] with gradient b. */
    private static List<Parameter> pair(double a, double b) {
        return List.of(
                ParameterFixtures.matrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, 1, 1, new double[] {0.5}, new double[] {a}),
                ParameterFixtures.vector("bias_hh", ParameterRole.BIAS, new double[] {0.25}, new double[] {b}));
    }

    /** Gradients (3, 4) times scale: one 3-4-5 triangle split over two parameters. */
    private static List<Parameter> threeFour(double scale) {
        return pair(3 * scale, 4 * scale);
    }

    private static double[] gradients(List<Parameter> parameters) {
        return new double[] {parameters.get(0).gradient().data[0], parameters.get(1).gradient().data[0]};
    }

    @Test
    void rescalesAllGradientsTogetherToTheThreshold() {
        List<Parameter> parameters = threeFour(1);
        TransformReport report = clip(1, 0).apply(parameters, 1);
        // ||(3, 4)|| = 5 >= 1, so g <- (1 / 5) g = (0.6, 0.8).
        assertThat(gradients(parameters)).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
        assertThat(report).isEqualTo(new TransformReport("clip_global_norm", 5, report.normAfter(), true, false,
                "scaled by 0.2"));
        assertThat(report.normAfter()).isCloseTo(1, within(1e-15));
    }

    @Test
    void leavesGradientsBelowTheThreshold() {
        List<Parameter> parameters = threeFour(1);
        TransformReport report = clip(Math.nextUp(5.0), 0).apply(parameters, 1);
        assertThat(gradients(parameters)).containsExactly(3, 4);
        assertThat(report).isEqualTo(TransformReport.unchanged("clip_global_norm", 5));
    }

    @Test
    void aNormEqualToTheThresholdFires() {
        // Pascanu et al.'s rule is "if ||g|| >= threshold": at equality the factor is 5 / 5 = 1 exactly.
        List<Parameter> parameters = threeFour(1);
        TransformReport report = clip(5, 0).apply(parameters, 1);
        assertThat(report.fired()).isTrue();
        assertThat(gradients(parameters)).containsExactly(3, 4);
        assertThat(report.normAfter()).isEqualTo(5);
    }

    @Test
    void theResultHasTheThresholdAsItsNorm() {
        List<Parameter> parameters = ParameterFixtures.layer(3, 17.25);
        TransformReport report = clip(2.5, 0).apply(parameters, 1);
        assertThat(ParameterFixtures.exactNorm(ParameterFixtures.gradients(parameters))).isCloseTo(2.5, within(1e-14));
        assertThat(report.normBefore()).isCloseTo(17.25, within(1e-13));
    }

    @Test
    void epsilonGivesPyTorchsClipGradNorm() {
        // torch.nn.utils.clip_grad_norm_(max_norm=1): factor min(1, 1 / (||g|| + 1e-6)).
        List<Parameter> parameters = threeFour(1);
        clip(1, 1e-6).apply(parameters, 1);
        assertThat(gradients(parameters)).containsExactly(new double[] {3 / 5.000001, 4 / 5.000001}, within(1e-15));

        // ||g|| = 1 = max_norm: Pascanu's factor is exactly 1, PyTorch's 1 / 1.000001.
        List<Parameter> atThreshold = pair(1, 0);
        TransformReport fired = clip(1, 1e-6).apply(atThreshold, 1);
        assertThat(fired.fired()).isTrue();
        assertThat(gradients(atThreshold)).containsExactly(new double[] {1 / 1.000001, 0}, within(1e-16));

        // Below max_norm - 1e-6 the factor would exceed 1, and both leave the gradients alone.
        List<Parameter> below = threeFour(0.1);
        TransformReport report = clip(1, 1e-6).apply(below, 1);
        assertThat(report.fired()).isFalse();
        assertThat(gradients(below)).containsExactly(3 * 0.1, 4 * 0.1);
    }

    @Test
    void normsOfVanishingAndExplodingGradientsAreExact() {
        // Squares of 3e-200 underflow to 0 and squares of 3e200 overflow: a plain sum gives 0 and Infinity.
        TransformReport tiny = clip(1, 0).apply(threeFour(1e-200), 1);
        assertThat(tiny.normBefore()).isCloseTo(5e-200, within(1e-214));
        assertThat(tiny.fired()).isFalse();

        List<Parameter> huge = threeFour(1e200);
        TransformReport report = clip(1, 0).apply(huge, 1);
        assertThat(report.normBefore()).isCloseTo(5e200, within(1e186));
        assertThat(gradients(huge)).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
    }

    @Test
    void leavesNonFiniteGradientsForNonFinite() {
        List<Parameter> parameters = threeFour(1);
        parameters.get(1).gradient().data[0] = Double.NaN;
        TransformReport report = clip(1, 0).apply(parameters, 1);
        assertThat(gradients(parameters)[0]).isEqualTo(3);
        assertThat(report).isEqualTo(new TransformReport("clip_global_norm", Double.NaN, Double.NaN, false, false,
                "norm is NaN; gradients left for non_finite"));
    }

    @Test
    void thresholdMustBePositive() {
        assertThatThrownBy(() -> Registries.standard().gradientTransforms()
                        .create("clip_global_norm", Map.of("threshold", 0, "epsilon", -1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("2 problems:\n- clip_global_norm.threshold must be > 0, found 0"
                        + "\n- clip_global_norm.epsilon must be >= 0, found -1");
    }
}
