package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.Initializer;

class GlorotNormalInitializerTest extends AbstractVarianceScalingTest {

    @Override
    protected Initializer createInitializer() {
        return new GlorotNormalInitializer();
    }

    @Override
    Law law() {
        return Law.NORMAL;
    }

    @Override
    double promisedStd(int fanIn, int fanOut) {
        return Math.sqrt(2.0 / (fanIn + fanOut));
    }

    @Test
    void gainScalesTheDeviation() {
        assertDrawnFromPromise(fill(configured(Map.of("gain", 0.5)), Shape.matrix(512, 128), SEED),
                0.5 * promisedStd(128, 512));
    }

    @Test
    void refusesAGainThatIsNotPositive() {
        assertThatThrownBy(() -> configured(Map.of("gain", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("glorot_normal.gain must be > 0, found 0");
    }
}
