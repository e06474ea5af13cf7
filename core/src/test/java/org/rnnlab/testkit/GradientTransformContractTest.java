package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.DivergedException;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.TransformReport;

/**
 * The contract every {@link GradientTransform} plugin passes. A transform's test subclasses this and
 * supplies the configured plugin; the checks run on the tensors of {@link ParameterFixtures#layer}
 * with gradients of every norm in {@link #gradientNorms()}, from vanishing to exploding:
 *
 * <ul>
 *   <li>parameter values are left untouched;
 *   <li>the same gradients and update number give bit-identical gradients and an equal report;
 *   <li>the report's {@code normBefore} and {@code normAfter} are the true global L2 norms before and
 *       after (to a relative 1e-12), and a report that says nothing fired means nothing changed;
 *   <li>gradients already small pass unchanged, if {@link #leavesSmallGradientsUnchanged()};
 *   <li>a NaN or an infinity is never silently turned into numbers: the transform stops the run,
 *       drops the update, or leaves a non-finite value for the next transform to see, unless
 *       {@link #repairsNonFiniteGradients()};
 *   <li>name, description and parameters are well formed and survive a round trip;
 *   <li>the plugin is discovered by {@link java.util.ServiceLoader} under its name.
 * </ul>
 *
 * <p>A check that cannot apply to a transform is skipped by overriding it with a comment saying why.
 */
public abstract class GradientTransformContractTest {

    /** The transform under test, configured as this test wants it. */
    protected abstract GradientTransform createTransform();

    /**
     * Whether gradients with a global norm of {@link #smallNorm()} come back bit for bit unchanged,
     * with a report that says nothing fired. True unless overridden (a noise transform would say false).
     */
    protected boolean leavesSmallGradientsUnchanged() {
        return true;
    }

    /** A global gradient norm this transform leaves alone, if it promises to. */
    protected double smallNorm() {
        return 1e-3;
    }

    /**
     * Whether the transform deliberately replaces non-finite gradients by finite ones (Pascanu et al.'s
     * fallback does). False unless overridden.
     */
    protected boolean repairsNonFiniteGradients() {
        return false;
    }

    /** Global norms of the gradients the checks use: vanishing, ordinary and exploding. */
    protected double[] gradientNorms() {
        return new double[] {1e-200, 1e-3, 0.5, 1, 10, 1e3, 1e200};
    }

    /** Relative error allowed in the report's norms. */
    protected double normTolerance() {
        return 1e-12;
    }

    private static final long UPDATE = 7;

    @Test
    public void valuesAreNotModified() {
        GradientTransform transform = createTransform();
        for (double norm : gradientNorms()) {
            List<Parameter> parameters = ParameterFixtures.layer(11, norm);
            double[][] before = ParameterFixtures.values(parameters);
            transform.apply(parameters, UPDATE);
            ParameterFixtures.assertBitIdentical("values after a transform of gradients of norm " + norm, parameters,
                    ParameterFixtures.values(parameters), before);
        }
    }

    @Test
    public void deterministic() {
        // One instance twice: a configured transform is stateless, so a first call cannot change the second.
        GradientTransform transform = createTransform();
        for (double norm : gradientNorms()) {
            List<Parameter> first = ParameterFixtures.layer(12, norm);
            List<Parameter> second = ParameterFixtures.layer(12, norm);
            TransformReport a = transform.apply(first, UPDATE);
            TransformReport b = transform.apply(second, UPDATE);
            ParameterFixtures.assertBitIdentical("gradients of norm " + norm + " transformed twice", first,
                    ParameterFixtures.gradients(second), ParameterFixtures.gradients(first));
            assertThat(b).as("reports of gradients of norm %s transformed twice", norm).isEqualTo(a);
        }
    }

    @Test
    public void reportsTrueNorms() {
        GradientTransform transform = createTransform();
        for (double norm : gradientNorms()) {
            List<Parameter> parameters = ParameterFixtures.layer(13, norm);
            double[][] gradients = ParameterFixtures.gradients(parameters);
            double before = ParameterFixtures.exactNorm(gradients);
            TransformReport report = transform.apply(parameters, UPDATE);
            double after = ParameterFixtures.exactNorm(ParameterFixtures.gradients(parameters));
            assertThat(report.transform()).as("report's transform").isEqualTo(transform.name());
            assertThat(report.normBefore()).as("normBefore of gradients of norm %s", norm)
                    .isCloseTo(before, within(normTolerance() * before));
            assertThat(report.normAfter()).as("normAfter of gradients of norm %s", norm)
                    .isCloseTo(after, within(normTolerance() * after));
            if (!report.fired()) {
                ParameterFixtures.assertBitIdentical("gradients of norm " + norm + ", with a report that says nothing fired",
                        parameters, ParameterFixtures.gradients(parameters), gradients);
            }
        }
    }

    @Test
    public void smallGradientsPassUnchanged() {
        if (!leavesSmallGradientsUnchanged()) {
            return;
        }
        List<Parameter> parameters = ParameterFixtures.layer(14, smallNorm());
        double[][] gradients = ParameterFixtures.gradients(parameters);
        TransformReport report = createTransform().apply(parameters, UPDATE);
        ParameterFixtures.assertBitIdentical("gradients of norm " + smallNorm(), parameters,
                ParameterFixtures.gradients(parameters), gradients);
        assertThat(report.fired()).as("fired on gradients of norm %s", smallNorm()).isFalse();
        assertThat(report.skipUpdate()).as("skipUpdate on gradients of norm %s", smallNorm()).isFalse();
    }

    @Test
    public void nonFiniteGradientsAreNotHidden() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            List<Parameter> parameters = ParameterFixtures.layer(15, 10);
            parameters.get(1).gradient().set(2, 1, bad);
            TransformReport report;
            try {
                report = createTransform().apply(parameters, UPDATE);
            } catch (DivergedException stopped) {
                assertThat(stopped.update()).as("update of the DivergedException").isEqualTo(UPDATE);
                assertThat(stopped.parameter()).as("parameter of the DivergedException").isEqualTo("weight_hh");
                continue;
            }
            if (Double.isNaN(bad)) {
                assertThat(report.normBefore()).as("normBefore of gradients holding NaN").isNaN();
            } else {
                assertThat(report.normBefore()).as("normBefore of gradients holding %s", bad).isEqualTo(Double.POSITIVE_INFINITY);
            }
            if (report.skipUpdate() || repairsNonFiniteGradients()) {
                continue;
            }
            assertThat(ParameterFixtures.exactNorm(ParameterFixtures.gradients(parameters)))
                    .as("norm of gradients holding %s after a transform that neither stopped, skipped nor repaired", bad)
                    .isNotFinite();
        }
    }

    @Test
    public void nameDescriptionAndParams() {
        PluginChecks.nameDescriptionAndParams(createTransform());
    }

    @Test
    public void discoveredByServiceLoader() {
        PluginChecks.discovered(createTransform(), Registries.standard().gradientTransforms());
    }
}
