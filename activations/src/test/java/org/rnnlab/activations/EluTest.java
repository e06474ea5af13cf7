package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class EluTest extends ActivationContractTest {

    private final PluginRegistry<Activation> registry = Registries.standard().activations();
    private final Activation elu = new Elu();
    private final Activation elu2 = registry.create("elu", Map.of("alpha", 2.0));

    @Override
    protected Activation createActivation() {
        return new Elu();
    }

    @Override
    protected List<Activation> configurations() {
        return List.of(
                registry.create("elu", Map.of("alpha", 2.0)),
                registry.create("elu", Map.of("alpha", 0.1)));
    }

    /** With alpha other than 1 the derivative jumps at 0; with alpha = 1 the second derivative does. */
    @Override
    protected double[] kinks() {
        return new double[] {0};
    }

    @Test
    void knownValues() {
        assertThat(elu.apply(1.5)).isEqualTo(1.5);
        assertThat(elu.apply(0)).isEqualTo(0);
        assertThat(elu.apply(-1)).isCloseTo(Math.exp(-1) - 1, within(1e-16));
        assertThat(elu2.apply(-1)).isCloseTo(2 * (Math.exp(-1) - 1), within(1e-15));
        assertThat(elu2.derivative(Double.NaN, elu2.apply(-1))).isCloseTo(2 * Math.exp(-1), within(1e-15));
        assertThat(elu2.derivative(Double.NaN, elu2.apply(1))).isEqualTo(1);
    }

    @Test
    void tendsToMinusAlpha() {
        assertThat(elu.apply(-1000)).isEqualTo(-1);
        assertThat(elu2.apply(-1000)).isEqualTo(-2);
        assertThat(elu2.lowerBound()).isEqualTo(-2);
        assertThat(elu2.derivative(Double.NaN, elu2.apply(-1000))).isEqualTo(0);
    }

    /** PyTorch: elu's backward from the result scales the gradient by result + alpha where result <= 0. */
    @Test
    void derivativeAtTheKinkIsAlpha() {
        assertThat(elu.derivative(0, elu.apply(0))).isEqualTo(1);
        assertThat(elu2.derivative(0, elu2.apply(0))).isEqualTo(2);
        assertThat(elu2.derivative(Double.NaN, elu2.apply(-0.0))).isEqualTo(2);
    }

    @Test
    void alphaOutOfRangeIsRejected() {
        assertThatThrownBy(() -> registry.create("elu", Map.of("alpha", 0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("elu.alpha must be > 0, found 0");
        assertThatThrownBy(() -> registry.create("elu", Map.of("alpha", -0.5)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("elu.alpha must be > 0, found -0.5");
    }
}
