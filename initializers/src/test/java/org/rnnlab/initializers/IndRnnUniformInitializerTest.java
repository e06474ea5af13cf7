package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.initializers.MatrixAssertions.assertDrawnFrom;
import static org.rnnlab.initializers.MatrixAssertions.assertWithinAndReaching;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.initializers.MatrixAssertions.Law;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.InitializerContractTest;

/** The contract's shapes are those of a one-layer model, whose only layer is the last. */
class IndRnnUniformInitializerTest extends InitializerContractTest {
    /** 2^(1/T) at the default T = 100. */
    private static final double HIGH = Math.pow(2, 0.01);

    @Override
    protected Initializer createInitializer() {
        return new IndRnnUniformInitializer();
    }

    @Override
    protected List<Shape> statisticsShapes() {
        return plus(super.statisticsShapes(), Shape.vector(65536), Shape.gated(4 * 128, 128, 4));
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertThat(context.lastLayer()).isTrue();
        assertWithinAndReaching(filled, 1 / HIGH, HIGH);
        assertDrawnFrom(filled, Law.UNIFORM, (HIGH + 1 / HIGH) / 2, (HIGH - 1 / HIGH) / Math.sqrt(12));
    }

    @Test
    void everyLayerButTheLastDrawsFromZeroToTheUpperBound() {
        Initializer init = configured(Map.of("length", 10));
        double high = Math.pow(2, 0.1);
        for (int layer = 0; layer < 2; layer++) {
            DMatrixRMaj u = new DMatrixRMaj(65536, 1);
            init.initialize(u, recurrentVector(layer, 3), random(SEED));
            assertWithinAndReaching(u, 0, high);
            assertDrawnFrom(u, Law.UNIFORM, high / 2, high / Math.sqrt(12));
        }
    }

    @Test
    void theLastLayerDrawsBetweenTheInverseAndTheUpperBound() {
        Initializer init = configured(Map.of("length", 10));
        double high = Math.pow(2, 0.1);
        DMatrixRMaj u = new DMatrixRMaj(65536, 1);
        init.initialize(u, recurrentVector(2, 3), random(SEED));
        assertWithinAndReaching(u, 1 / high, high);
        assertDrawnFrom(u, Law.UNIFORM, (high + 1 / high) / 2, (high - 1 / high) / Math.sqrt(12));
    }

    @Test
    void knownAnswersOfOneStep() {
        // T = 1: lower layers U(0, 2), the last U(1/2, 2).
        Initializer init = configured(Map.of("length", 1));
        DMatrixRMaj lower = new DMatrixRMaj(3, 1);
        init.initialize(lower, recurrentVector(0, 2), new FixedDraws(0, 0.25, 0.5));
        assertThat(lower.data).containsExactly(0, 0.5, 1);
        DMatrixRMaj last = new DMatrixRMaj(3, 1);
        init.initialize(last, recurrentVector(1, 2), new FixedDraws(0, 0.25, 0.5));
        assertThat(last.data).containsExactly(0.5, 0.875, 1.25);
    }

    @Test
    void fillsAMatrixElementByElementWhateverItsGates() {
        DMatrixRMaj w = new DMatrixRMaj(6, 2);
        configured(Map.of("length", 1)).initialize(w, new InitContext(ParameterRole.RECURRENT_WEIGHT, 3, false,
                "weight_hh", List.of(), 0, 2), new FixedDraws(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5));
        assertThat(w.data).containsOnly(1.0);
    }

    @Test
    void inTheLastLayerUToTheLengthLiesBetweenAHalfAndTwo() {
        DMatrixRMaj u = fill(configured(Map.of("length", 500)), Shape.vector(4096), SEED);
        for (double v : u.data) {
            assertThat(Math.pow(v, 500)).isBetween(0.5 - 1e-12, 2.0 + 1e-12);
        }
    }

    @Test
    void refusesALengthBelowOne() {
        assertThatThrownBy(() -> configured(Map.of("length", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("indrnn_uniform.length must be >= 1, found 0");
        assertThatThrownBy(() -> configured(Map.of("length", 2.5)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("indrnn_uniform.length must be a whole number, found 2.5");
    }

    /** IndRNN's u in layer {@code layer} of {@code layers}. */
    private static InitContext recurrentVector(int layer, int layers) {
        return new InitContext(ParameterRole.RECURRENT_WEIGHT, 1, true, "weight_hh", List.of(), layer, layers);
    }
}
