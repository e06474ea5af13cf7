package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.Initializer;

class GlorotUniformInitializerTest extends AbstractVarianceScalingTest {

    @Override
    protected Initializer createInitializer() {
        return new GlorotUniformInitializer();
    }

    @Override
    Law law() {
        return Law.UNIFORM;
    }

    @Override
    double promisedStd(int fanIn, int fanOut) {
        return Math.sqrt(2.0 / (fanIn + fanOut));
    }

    @Test
    void boundIsGainTimesSqrtSixOverTheFanSum() {
        DMatrixRMaj filled = fill(configured(Map.of("gain", 2)), Shape.gated(4 * 128, 128, 4), SEED);
        double bound = 2 * Math.sqrt(6.0 / (128 + 512));
        MatrixAssertions.assertWithinAndReaching(filled, -bound, bound);
        assertDrawnFromPromise(filled, 2 * promisedStd(128, 512));
    }

    @Test
    void refusesAGainThatIsNotPositive() {
        assertThatThrownBy(() -> configured(Map.of("gain", -1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("glorot_uniform.gain must be > 0, found -1");
        assertThat(configured(Map.of("gain", 0.5)).params().getDouble("gain")).isEqualTo(0.5);
    }
}
