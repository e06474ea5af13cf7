package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.initializers.MatrixAssertions.assertBlockRadius;

import java.util.BitSet;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

class SparseSpectralInitializerTest extends AbstractSpectralRadiusTest {

    @Override
    protected Initializer createInitializer() {
        return new SparseSpectralInitializer();
    }

    @Override
    double promisedRadius() {
        return 0.95;
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        assertNonzerosPerRow(filled, Math.min(15, filled.numCols));
        super.checkStatistics(filled, context);
    }

    private static void assertNonzerosPerRow(DMatrixRMaj filled, int expected) {
        for (int r = 0; r < filled.numRows; r++) {
            int nonzero = 0;
            for (int c = 0; c < filled.numCols; c++) {
                nonzero += filled.get(r, c) != 0 ? 1 : 0;
            }
            assertThat(nonzero).as("nonzero weights in row %d of %dx%d", r, filled.numRows, filled.numCols)
                    .isEqualTo(expected);
        }
    }

    @Test
    void keepsTheConfiguredCountAndRadius() {
        DMatrixRMaj filled = fill(configured(Map.of("nonzero", 3, "radius", 1.2)), Shape.gated(2 * 20, 20, 2), SEED);
        assertNonzerosPerRow(filled, 3);
        assertBlockRadius(filled, 2, 1.2);
    }

    @Test
    void spreadsTheNonzerosOverTheColumns() {
        // With 5 of 100 columns per row, a given column stays empty in all 100 rows with probability
        // 0.95^100 = 0.6%, so about 99 columns are used; a bias toward some columns would use far fewer.
        DMatrixRMaj filled = fill(configured(Map.of("nonzero", 5)), Shape.matrix(100, 100), SEED);
        BitSet used = new BitSet();
        for (int r = 0; r < 100; r++) {
            for (int c = 0; c < 100; c++) {
                if (filled.get(r, c) != 0) {
                    used.set(c);
                }
            }
        }
        assertThat(used.cardinality()).isGreaterThanOrEqualTo(95);
    }

    @Test
    void refusesACountBelowOneOrNotWhole() {
        assertThatThrownBy(() -> configured(Map.of("nonzero", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("sparse_spectral.nonzero must be >= 1, found 0");
        assertThatThrownBy(() -> configured(Map.of("nonzero", 1.5)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("sparse_spectral.nonzero must be a whole number, found 1.5");
    }
}
