package org.rnnlab.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wilson intervals, quantiles and the learning-curve band on inputs with known answers. */
class StatsTest {
    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 (Wilson score without correction).
        Stats.Rate r = Stats.wilson(81, 263);
        assertThat(r.rate()).isCloseTo(81 / 263.0, within(1e-15));
        assertThat(r.low()).isCloseTo(0.2553, within(5e-5));
        assertThat(r.high()).isCloseTo(0.3662, within(5e-5));
        Stats.Rate small = Stats.wilson(15, 148);
        assertThat(small.low()).isCloseTo(0.0624, within(5e-5));
        assertThat(small.high()).isCloseTo(0.1605, within(5e-5));
        Stats.Rate none = Stats.wilson(0, 20);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.1611, within(5e-5));
        Stats.Rate all = Stats.wilson(29, 29);
        assertThat(all.low()).isCloseTo(0.8830, within(5e-5));
        assertThat(all.high()).isEqualTo(1.0);
    }

    @Test
    void wilsonIntervalOfHalfIsSymmetricAndOfThreeSeedsIsWide() {
        Stats.Rate half = Stats.wilson(5, 10);
        assertThat(half.low()).isCloseTo(0.2366, within(5e-5));
        assertThat(half.high()).isCloseTo(0.7634, within(5e-5));
        assertThat(half.low() + half.high()).isCloseTo(1, within(1e-15));
        Stats.Rate two = Stats.wilson(2, 3);
        assertThat(two.low()).isCloseTo(0.2077, within(5e-5));
        assertThat(two.high()).isCloseTo(0.9385, within(5e-5));
        assertThat(Stats.wilson(0, 0).rate()).isNaN();
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {7, 1, 3, 5};
        assertThat(Stats.median(v)).isEqualTo(4.0);
        assertThat(Stats.quantile(v, 0.25)).isEqualTo(2.5);
        assertThat(Stats.quantile(v, 0.75)).isEqualTo(5.5);
        assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(Stats.median(new double[] {Double.NaN, 4})).isEqualTo(4.0);
        assertThat(Stats.median(new double[0])).isNaN();
        // a diverged run (+infinity) sorts last
        assertThat(Stats.median(new double[] {1, 2, Double.POSITIVE_INFINITY})).isEqualTo(2.0);
        assertThat(Stats.quantile(new double[] {1, 2, Double.POSITIVE_INFINITY}, 0.75)).isInfinite();
    }

    @Test
    void learningCurveBandCarriesAStoppedRunsLastValueForward() {
        // run a: evaluated at 10, 20, 30; run b solved and stopped at 20; run c first evaluated at 20
        LearningCurves.Curve a = new LearningCurves.Curve(new double[] {10, 20, 30}, new double[] {1.0, 0.8, 0.6});
        LearningCurves.Curve b = new LearningCurves.Curve(new double[] {10, 20}, new double[] {0.5, 0.1});
        LearningCurves.Curve c = new LearningCurves.Curve(new double[] {20, 30}, new double[] {0.9, Double.NaN});
        LearningCurves.Band band = LearningCurves.band(List.of(a, b, c));
        assertThat(band.updates()).containsExactly(10, 20, 30);
        assertThat(band.runs()).containsExactly(2, 3, 3);
        assertThat(band.median()).containsExactly(0.75, 0.8, 0.6);
        assertThat(band.lower()[0]).isCloseTo(0.625, within(1e-15));
        assertThat(band.upper()[0]).isCloseTo(0.875, within(1e-15));
        // at 30: b carries 0.1 forward, c diverged (NaN counts as +infinity): {0.1, 0.6, inf}
        assertThat(band.lower()[2]).isCloseTo(0.35, within(1e-15));
        assertThat(band.upper()[2]).isInfinite();
    }
}
