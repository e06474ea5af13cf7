package org.rnnlab.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedTensorTest {

    @Test
    void dataMustFillTheShape() {
        assertThatThrownBy(() -> new NamedTensor("weight_hh", new int[] {2, 3}, new double[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tensor 'weight_hh': shape [2, 3] holds 6 values, but data has 5");
    }

    @Test
    void dimensionsMustNotBeNegative() {
        assertThatThrownBy(() -> new NamedTensor("w", new int[] {2, -1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tensor 'w': every dimension must be >= 0, found [2, -1]");
    }

    @Test
    void namesThatTheFormatCannotHold() {
        assertThatThrownBy(() -> NamedTensor.scalar("", 1))
                .hasMessage("A tensor needs a name, found an empty one");
        assertThatThrownBy(() -> NamedTensor.scalar("__metadata__", 1))
                .hasMessage("A tensor cannot be named '__metadata__': safetensors reserves that key for metadata");
    }

    @Test
    void scalarAndEmptyTensors() {
        NamedTensor scalar = NamedTensor.scalar("loss", 0.5);
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.size()).isEqualTo(1);
        assertThat(scalar.shape()).isEmpty();

        NamedTensor empty = new NamedTensor("none", new int[] {0, 3}, new double[0]);
        assertThat(empty.size()).isZero();
        assertThat(empty.rank()).isEqualTo(2);
    }

    @Test
    void shapeIsCopiedAndDataIsHeld() {
        int[] shape = {2};
        double[] data = {1, 2};
        NamedTensor t = new NamedTensor("b", shape, data);
        shape[0] = 7;
        t.shape()[0] = 9;
        assertThat(t.shape()).containsExactly(2);
        assertThat(t.data()).isSameAs(data);
    }

    @Test
    void equalityComparesValuesBitForBit() {
        NamedTensor nan = new NamedTensor("x", new int[] {2}, new double[] {Double.NaN, 0.0});
        assertThat(nan).isEqualTo(new NamedTensor("x", new int[] {2}, new double[] {Double.NaN, 0.0}));
        assertThat(nan).hasSameHashCodeAs(new NamedTensor("x", new int[] {2}, new double[] {Double.NaN, 0.0}));
        assertThat(nan).isNotEqualTo(new NamedTensor("x", new int[] {2}, new double[] {Double.NaN, -0.0}));
        assertThat(nan).isNotEqualTo(new NamedTensor("x", new int[] {1, 2}, new double[] {Double.NaN, 0.0}));
        assertThat(nan).hasToString("x[2]");
    }
}
