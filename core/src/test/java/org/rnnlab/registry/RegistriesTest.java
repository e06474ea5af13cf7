package org.rnnlab.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.Activation;

class RegistriesTest {

    private static Registries threeActivations() {
        return Registries.of(Map.of(PluginKind.ACTIVATION, List.of(
                new TestActivation("tanh"), new TestActivation("sigmoid"), new TestActivation("relu"))));
    }

    @Test
    void findsPluginsByName() {
        PluginRegistry<Activation> activations = threeActivations().activations();
        assertThat(activations.names()).containsExactly("relu", "sigmoid", "tanh");
        assertThat(activations.get("relu").name()).isEqualTo("relu");
        assertThat(activations.find("gelu")).isEmpty();
        assertThat(activations.contains("tanh")).isTrue();
    }

    @Test
    void unknownNameListsKnownNamesAndClosestMatch() {
        assertThatThrownBy(() -> threeActivations().activations().get("tahn"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessage("Unknown activation 'tahn'; did you mean 'tanh'? Known activations: relu, sigmoid, tanh");
    }

    @Test
    void unknownNameWithoutCloseMatch() {
        assertThatThrownBy(() -> threeActivations().activations().get("swish"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessage("Unknown activation 'swish'; known activations: relu, sigmoid, tanh");
    }

    @Test
    void unknownNameOfEmptyKind() {
        assertThatThrownBy(() -> threeActivations().cells().get("lstm"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessage("Unknown cell 'lstm'; known cells: none are on the classpath");
    }

    @Test
    void duplicateNamesNameBothClassesAndWhereTheyCameFrom() {
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        assertThatThrownBy(() -> Registries.of(Map.of(PluginKind.ACTIVATION,
                        List.of(new TestActivation("tanh"), new TestActivation.Twin()))))
                .isInstanceOf(PluginConflictException.class)
                .hasMessage("Two activation plugins are named 'tanh': org.rnnlab.registry.TestActivation from "
                        + testClasses + " and org.rnnlab.registry.TestActivation$Twin from " + testClasses
                        + ". Remove one of them from the classpath or rename one.");
    }

    @Test
    void badlyFormedName() {
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        assertThatThrownBy(() -> Registries.of(Map.of(PluginKind.ACTIVATION, List.of(new TestActivation("Leaky ReLU")))))
                .isInstanceOf(PluginConflictException.class)
                .hasMessage("The activation plugin org.rnnlab.registry.TestActivation from " + testClasses
                        + " is named 'Leaky ReLU'; plugin names are lower-case letters, digits and '_', starting with a letter.");
    }

    @Test
    void createConfiguresWithValues() {
        Activation steep = threeActivations().activations().create("relu", Map.of("scale", 3.0));
        assertThat(steep.apply(2.0)).isEqualTo(6.0);
        assertThat(steep.params().getDouble("scale")).isEqualTo(3.0);
        assertThat(threeActivations().activations().get("relu").apply(2.0)).as("the default is unchanged").isEqualTo(2.0);
    }

    @Test
    void createReportsBadValuesWithPluginNameAsPath() {
        assertThatThrownBy(() -> threeActivations().activations().create("relu", Map.of("scale", -1)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("relu.scale must be > 0, found -1");
    }

    @Test
    void createCollectsEveryProblemWithItsPath() {
        List<String> problems = new ArrayList<>();
        PluginRegistry<Activation> activations = threeActivations().activations();
        assertThat(activations.create("tanhh", Map.of(), "model.layers[0].activation", problems)).isEmpty();
        assertThat(activations.create("relu", Map.of("scale", 0, "slope", 1), "model.layers[1].activation", problems))
                .isEmpty();
        assertThat(problems).containsExactly(
                "model.layers[0].activation: unknown activation 'tanhh'; did you mean 'tanh'? Known activations: relu, sigmoid, tanh",
                "model.layers[1].activation has no parameter 'slope'; known parameters: scale",
                "model.layers[1].activation.scale must be > 0, found 0");
    }

    @Test
    void registriesOfFillsEveryKind() {
        Registries registries = threeActivations();
        assertThat(registries.all().stream().map(r -> (Object) r.kind()).toList())
                .containsExactlyElementsOf(PluginKind.ALL);
        assertThat(registries.initializers().names()).isEmpty();
    }

    @Test
    void standardIsLoadedOnce() {
        assertThat(Registries.standard()).isSameAs(Registries.standard());
    }
}
