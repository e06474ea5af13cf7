package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.Initializer;

class HeUniformInitializerTest extends AbstractVarianceScalingTest {

    @Override
    protected Initializer createInitializer() {
        return new HeUniformInitializer();
    }

    @Override
    Law law() {
        return Law.UNIFORM;
    }

    @Override
    double promisedStd(int fanIn, int fanOut) {
        return Math.sqrt(2.0 / fanIn);
    }

    @Test
    void fanOutModeAndLeakySlopeChangeTheBound() {
        // a = 1 gives gain sqrt(2 / 2) = 1; fan_out of the whole gated tensor is 512.
        Shape gated = Shape.gated(4 * 128, 128, 4);
        assertDrawnFromPromise(fill(configured(Map.of("mode", "fan_out", "negativeSlope", 1)), gated, SEED),
                1 / Math.sqrt(512));
        assertDrawnFromPromise(fill(configured(Map.of("negativeSlope", 0.5)), gated, SEED),
                Math.sqrt(2 / 1.25) / Math.sqrt(128));
    }

    @Test
    void refusesAnUnknownModeSuggestingTheClosest() {
        assertThatThrownBy(() -> configured(Map.of("mode", "fan-in")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("he_uniform.mode must be one of [fan_in, fan_out], found \"fan-in\" (did you mean 'fan_in'?)");
    }
}
