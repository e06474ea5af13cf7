package org.rnnlab.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.TransformReport;
import org.rnnlab.testkit.GradientTransformContractTest;
import org.rnnlab.testkit.ParameterFixtures;

class ClipNormTest extends GradientTransformContractTest {

    @Override
    protected GradientTransform createTransform() {
        return new ClipNorm();
    }

    private static GradientTransform clip(double threshold) {
        return Registries.standard().gradientTransforms().create("clip_norm", Map.of("threshold", threshold));
    }

    /** weight_hh with gradient (3, 4), norm 5; bias_hh with gradient (0.3, 0.4), norm 0.5. */
    private static List<Parameter> parameters() {
        return List.of(
                ParameterFixtures.matrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, 1, 2,
                        new double[] {1, 1}, new double[] {3, 4}),
                ParameterFixtures.vector("bias_hh", ParameterRole.BIAS, new double[] {1, 1}, new double[] {0.3, 0.4}));
    }

    @Test
    void clipsEachParameterOnItsOwn() {
        List<Parameter> parameters = parameters();
        TransformReport report = clip(1).apply(parameters, 1);
        // weight_hh: 5 >= 1, so (3, 4) / 5; bias_hh: 0.5 < 1, unchanged.
        assertThat(parameters.get(0).gradient().data).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
        assertThat(parameters.get(1).gradient().data).containsExactly(0.3, 0.4);
        // Global norms: sqrt(25 + 0.25) before, sqrt(1 + 0.25) after.
        assertThat(report.normBefore()).isCloseTo(Math.sqrt(25.25), within(1e-15));
        assertThat(report.normAfter()).isCloseTo(Math.sqrt(1.25), within(1e-15));
        assertThat(report.fired()).isTrue();
        assertThat(report.detail()).isEqualTo("clipped weight_hh");
    }

    @Test
    void namesEveryClippedParameter() {
        List<Parameter> parameters = parameters();
        TransformReport report = clip(0.5).apply(parameters, 1);
        // bias_hh sits exactly on the threshold: it fires with factor 0.5 / 0.5 = 1.
        assertThat(report.detail()).isEqualTo("clipped weight_hh, bias_hh");
        assertThat(parameters.get(0).gradient().data).containsExactly(new double[] {0.3, 0.4}, within(1e-15));
        assertThat(parameters.get(1).gradient().data).containsExactly(0.3, 0.4);
    }

    @Test
    void aParameterWithANonFiniteNormIsLeftAsItIs() {
        List<Parameter> parameters = parameters();
        parameters.get(1).gradient().data[0] = Double.POSITIVE_INFINITY;
        TransformReport report = clip(1).apply(parameters, 1);
        assertThat(parameters.get(0).gradient().data).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
        assertThat(parameters.get(1).gradient().data).containsExactly(Double.POSITIVE_INFINITY, 0.4);
        assertThat(report.normBefore()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(report.normAfter()).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
