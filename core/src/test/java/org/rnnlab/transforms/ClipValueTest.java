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

class ClipValueTest extends GradientTransformContractTest {

    @Override
    protected GradientTransform createTransform() {
        return new ClipValue();
    }

    private static GradientTransform clip(double limit) {
        return Registries.standard().gradientTransforms().create("clip_value", Map.of("limit", limit));
    }

    private static List<Parameter> withGradient(double... gradient) {
        return List.of(ParameterFixtures.vector("bias_hh", ParameterRole.BIAS, new double[gradient.length], gradient));
    }

    @Test
    void clampsEveryElement() {
        List<Parameter> parameters = withGradient(0.7, -2, 0.1, -0.5, 0.5);
        TransformReport report = clip(0.5).apply(parameters, 1);
        // Only 0.7 and -2 lie outside [-0.5, 0.5]; the ends themselves stay.
        assertThat(parameters.get(0).gradient().data).containsExactly(0.5, -0.5, 0.1, -0.5, 0.5);
        assertThat(report.detail()).isEqualTo("clamped 2 elements");
        assertThat(report.fired()).isTrue();
        // ||(0.7, -2, 0.1, -0.5, 0.5)||^2 = 0.49 + 4 + 0.01 + 0.25 + 0.25 = 5; after: 4 x 0.25 + 0.01 = 1.01.
        assertThat(report.normBefore()).isCloseTo(Math.sqrt(5), within(1e-15));
        assertThat(report.normAfter()).isCloseTo(Math.sqrt(1.01), within(1e-15));
    }

    @Test
    void saysOneElement() {
        assertThat(clip(1).apply(withGradient(3, 0), 1).detail()).isEqualTo("clamped 1 element");
    }

    @Test
    void leavesNaNAndInfinitiesForNonFinite() {
        List<Parameter> parameters = withGradient(Double.NaN, Double.NEGATIVE_INFINITY, 2);
        TransformReport report = clip(1).apply(parameters, 1);
        assertThat(parameters.get(0).gradient().data).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY, 1);
        assertThat(report.normBefore()).isNaN();
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> clip(-0.5))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("clip_value.limit must be > 0, found -0.5");
    }
}
