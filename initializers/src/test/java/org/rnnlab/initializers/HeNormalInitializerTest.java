package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.Initializer;

class HeNormalInitializerTest extends AbstractVarianceScalingTest {

    @Override
    protected Initializer createInitializer() {
        return new HeNormalInitializer();
    }

    @Override
    Law law() {
        return Law.NORMAL;
    }

    @Override
    double promisedStd(int fanIn, int fanOut) {
        return Math.sqrt(2.0 / fanIn);
    }

    @Test
    void fanOutModeUsesTheRowsOfTheWholeTensor() {
        assertDrawnFromPromise(fill(configured(Map.of("mode", "fan_out")), Shape.matrix(128, 512), SEED),
                Math.sqrt(2.0 / 128));
    }

    @Test
    void refusesANegativeSlopeAndAnUnknownModeTogether() {
        assertThatThrownBy(() -> configured(Map.of("negativeSlope", -0.1, "mode", "fan_avg")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("2 problems:\n"
                        + "- he_normal.mode must be one of [fan_in, fan_out], found \"fan_avg\"\n"
                        + "- he_normal.negativeSlope must be >= 0, found -0.1");
    }
}
