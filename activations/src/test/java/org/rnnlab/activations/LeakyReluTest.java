package org.rnnlab.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;
import org.rnnlab.testkit.ActivationContractTest;

class LeakyReluTest extends ActivationContractTest {

    private final PluginRegistry<Activation> registry = Registries.standard().activations();
    private final Activation leaky = new LeakyRelu();

    @Override
    protected Activation createActivation() {
        return new LeakyRelu();
    }

    @Override
    protected List<Activation> configurations() {
        return List.of(
                registry.create("leaky_relu", Map.of("slope", 0.1)),
                registry.create("leaky_relu", Map.of("slope", 0)),
                registry.create("leaky_relu", Map.of("slope", 0.5)));
    }

    @Override
    protected double[] kinks() {
        return new double[] {0};
    }

    @Test
    void defaultSlopeIsPyTorchs() {
        assertThat(leaky.params()).isEqualTo(Params.of(LeakyRelu.PARAMETERS, Map.of("slope", 0.01)));
        assertThat(leaky.apply(-2)).isEqualTo(-0.02);
        assertThat(leaky.apply(3)).isEqualTo(3);
        assertThat(leaky.derivative(-2, leaky.apply(-2))).isEqualTo(0.01);
        assertThat(leaky.derivative(3, leaky.apply(3))).isEqualTo(1);
    }

    @Test
    void configuredSlope() {
        Activation steeper = registry.create("leaky_relu", Map.of("slope", 0.1));
        assertThat(steeper.params().getDouble("slope")).isEqualTo(0.1);
        assertThat(steeper.apply(-2)).isEqualTo(-0.2);
        assertThat(steeper.apply(0.5)).isEqualTo(0.5);
        assertThat(steeper.derivative(-2, steeper.apply(-2))).isEqualTo(0.1);
    }

    /** PyTorch: leaky_relu's backward passes the gradient where x > 0 and scales it by the slope elsewhere. */
    @Test
    void derivativeAtTheKinkIsTheSlope() {
        assertThat(leaky.derivative(0, leaky.apply(0))).isEqualTo(0.01);
        Activation steeper = registry.create("leaky_relu", Map.of("slope", 0.1));
        assertThat(steeper.derivative(Double.NaN, steeper.apply(0))).isEqualTo(0.1);
        assertThat(steeper.derivative(Double.NaN, steeper.apply(-0.0))).isEqualTo(0.1);
    }

    @Test
    void boundedBelowOnlyWithSlopeZero() {
        assertThat(leaky.lowerBound()).isEqualTo(Double.NEGATIVE_INFINITY);
        Activation flat = registry.create("leaky_relu", Map.of("slope", 0));
        assertThat(flat.lowerBound()).isEqualTo(0);
        assertThat(flat.apply(-5)).isZero();
        assertThat(flat.derivative(Double.NaN, flat.apply(-5))).isZero();
    }

    @Test
    void slopeOutOfRangeIsRejected() {
        assertThatThrownBy(() -> registry.create("leaky_relu", Map.of("slope", -1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("leaky_relu.slope must be in [0, 1), found -1");
        assertThatThrownBy(() -> registry.create("leaky_relu", Map.of("slope", 1.0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("leaky_relu.slope must be in [0, 1), found 1");
        assertThatThrownBy(() -> registry.create("leaky_relu", Map.of("slope", "steep")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("leaky_relu.slope must be a number, found \"steep\"");
    }
}
