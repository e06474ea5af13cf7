package org.rnnlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Cell;

class RecurrentLayerTest {
    private final Cell cell = new ToyCellType().create(2, 3);

    private static DMatrixRMaj[] inputs(int steps, int batch, int width) {
        DMatrixRMaj[] xs = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            xs[t] = new DMatrixRMaj(batch, width);
            xs[t].fill(0.1 * (t + 1));
        }
        return xs;
    }

    @Test
    void wrongInputShapeNamesTheStep() {
        DMatrixRMaj[] xs = inputs(3, 2, 2);
        xs[2] = new DMatrixRMaj(2, 5);
        assertThatThrownBy(() -> new RecurrentLayer(cell).forward(xs, null, null))
                .hasMessage("Input at step 2 must be 2x2, found 2x5");
    }

    @Test
    void lengthsMustFitTheSequence() {
        RecurrentLayer layer = new RecurrentLayer(cell);
        assertThatThrownBy(() -> layer.forward(inputs(3, 2, 2), new int[] {3, 4}, null))
                .hasMessage("Length of sequence 1 must be in [1, 3], found 4");
        assertThatThrownBy(() -> layer.forward(inputs(3, 2, 2), new int[] {3}, null))
                .hasMessage("Need one length per sequence: 2, found 1");
        assertThatThrownBy(() -> layer.forward(new DMatrixRMaj[0], null, null))
                .hasMessage("A sequence needs at least one step, found 0");
    }

    @Test
    void backwardNeedsForwardAndOneGradientPerStep() {
        RecurrentLayer layer = new RecurrentLayer(cell);
        assertThatThrownBy(() -> layer.backward(new DMatrixRMaj[3], null)).hasMessage("backward needs a forward pass first");
        layer.forward(inputs(3, 2, 2), null, null);
        assertThatThrownBy(() -> layer.backward(new DMatrixRMaj[2], null))
                .hasMessage("Need one output gradient per step: 3, found 2");
    }

    @Test
    void statePastTheEndIsCarriedAndOutputIsZero() {
        for (var p : cell.parameters()) {
            p.value().fill(0.3);
        }
        RecurrentLayer layer = new RecurrentLayer(cell);
        layer.forward(inputs(4, 2, 2), new int[] {4, 2}, null);
        assertThat(layer.state(4)[0].get(1, 0)).isEqualTo(layer.state(2)[0].get(1, 0));
        assertThat(layer.state(4)[1].get(1, 2)).isEqualTo(layer.state(2)[1].get(1, 2));
        assertThat(layer.state(4)[0].get(0, 0)).isNotEqualTo(layer.state(2)[0].get(0, 0));
        assertThat(layer.output(3).get(1, 1)).isZero();
        assertThat(layer.output(3).get(0, 1)).isNotZero();
    }

    @Test
    void stateGradientsNotKeptAreRefusedButTheLastTwo() {
        RecurrentLayer layer = new RecurrentLayer(cell);
        layer.setStateGradientsKept(false);
        layer.forward(inputs(4, 2, 2), null, null);
        assertThatThrownBy(() -> layer.stateGradient(0)).hasMessage("The state gradient of step 0 is not kept: this layer"
                + " keeps only the last two a backward pass wrote (none yet); call setStateGradientsKept(true) before"
                + " backward to keep them all");
        layer.backward(4, 1, new DMatrixRMaj[4], null);
        assertThat(layer.stateGradient(1)[0].numRows).isEqualTo(2);
        assertThat(layer.stateGradient(2)[0]).isNotSameAs(layer.stateGradient(1)[0]);
        assertThatThrownBy(() -> layer.stateGradient(3)).hasMessage("The state gradient of step 3 is not kept: this layer"
                + " keeps only the last two a backward pass wrote (steps 1 and 2); call setStateGradientsKept(true)"
                + " before backward to keep them all");

        layer.setStateGradientsKept(true);
        layer.backward(new DMatrixRMaj[4], null);
        for (int t = 0; t <= 4; t++) {
            assertThat(layer.stateGradient(t)[0].numRows).isEqualTo(2);
        }
        assertThat(layer.stateGradient(3)[0]).isNotSameAs(layer.stateGradient(1)[0]);
    }

    @Test
    void projectionRowsMustBePositive() {
        assertThatThrownBy(() -> new RecurrentLayer(cell, true, 0))
                .hasMessage("Projection rows must be at least 1, found 0");
    }

    @Test
    void buffersAreReusedForTheSameShape() {
        RecurrentLayer layer = new RecurrentLayer(cell);
        layer.forward(inputs(3, 2, 2), null, null);
        DMatrixRMaj out = layer.output(0);
        layer.forward(inputs(3, 2, 2), null, null);
        assertThat(layer.output(0)).isSameAs(out);
        layer.forward(inputs(5, 2, 2), null, null);
        assertThat(layer.steps()).isEqualTo(5);
    }
}
