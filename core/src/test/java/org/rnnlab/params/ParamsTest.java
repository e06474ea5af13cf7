package org.rnnlab.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Activation;

class ParamsTest {
    private static final List<ParamSpec> SPECS = List.of(
            ParamSpec.ofDouble("threshold", 1.0, Range.greaterThan(0), "clip above this norm"),
            ParamSpec.ofInt("every", 10, Range.atLeast(1), "updates between decays"),
            ParamSpec.ofBoolean("nesterov", false, "Nesterov momentum"),
            ParamSpec.ofChoice("policy", "fail", List.of("fail", "skip", "pascanu"), "what to do"),
            ParamSpec.ofDouble("momentum", 0.0, Range.closedOpen(0, 1), "momentum"));

    @Test
    void defaultsFillMissingValues() {
        Params p = Params.of(SPECS, Map.of("threshold", 5));
        assertThat(p.getDouble("threshold")).isEqualTo(5.0);
        assertThat(p.getInt("every")).isEqualTo(10);
        assertThat(p.getBoolean("nesterov")).isFalse();
        assertThat(p.getChoice("policy")).isEqualTo("fail");
        assertThat(p.asMap().keySet()).containsExactly("threshold", "every", "nesterov", "policy", "momentum");
    }

    @Test
    void stringsFromACommandLineAreParsed() {
        Params p = Params.of(SPECS, Map.of("threshold", "0.5", "every", "3", "nesterov", "true"));
        assertThat(p.getDouble("threshold")).isEqualTo(0.5);
        assertThat(p.getInt("every")).isEqualTo(3);
        assertThat(p.getBoolean("nesterov")).isTrue();
    }

    @Test
    void outOfRange() {
        assertThatThrownBy(() -> Params.of(SPECS, Map.of("momentum", 1.0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("parameters.momentum must be in [0, 1), found 1");
    }

    @Test
    void everyProblemAtOnceWithPaths() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("threshhold", 2);
        given.put("every", 2.5);
        given.put("nesterov", "yes");
        given.put("policy", "skp");
        given.put("momentum", "fast");
        assertThatThrownBy(() -> Params.resolve(SPECS, given, "transforms[0]", null))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("""
                        5 problems:
                        - transforms[0] has no parameter 'threshhold'; did you mean 'threshold'? Known parameters: \
                        threshold, every, nesterov, policy, momentum
                        - transforms[0].every must be a whole number, found 2.5
                        - transforms[0].nesterov must be true or false, found "yes"
                        - transforms[0].policy must be one of [fail, skip, pascanu], found "skp" (did you mean 'skip'?)
                        - transforms[0].momentum must be a number, found "fast\"""")
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems()).hasSize(5));
    }

    @Test
    void textParameters() {
        List<ParamSpec> specs = List.of(ParamSpec.ofString("dir", "", "where the files are"));
        assertThat(Params.of(specs, Map.of()).getString("dir")).isEmpty();
        assertThat(Params.of(specs, Map.of("dir", "/data/mnist")).getString("dir")).isEqualTo("/data/mnist");
        assertThatThrownBy(() -> Params.of(specs, Map.of("dir", 3)))
                .hasMessage("parameters.dir must be text, found 3");
    }

    @Test
    void pluginTakingNoParameters() {
        assertThatThrownBy(() -> Params.resolve(List.of(), Map.of("slope", 1), "tanh", null))
                .hasMessage("tanh takes no parameters, found 'slope'");
    }

    @Test
    void pluginValuedParameterResolvesThroughRegistries() {
        Registries registries = Registries.of(Map.of(PluginKind.ACTIVATION,
                List.of(new org.rnnlab.registry.TestActivationAccess().create("relu"))));
        List<ParamSpec> specs = List.of(ParamSpec.ofPlugin("activation", PluginKind.ACTIVATION, "relu", "f"));
        Params byName = Params.resolve(specs, Map.of(), "rnn", registries);
        assertThat(byName.getPlugin("activation", Activation.class).apply(2)).isEqualTo(2.0);
        Params withValues = Params.resolve(specs, Map.of("activation", Map.of("name", "relu", "scale", 4)), "rnn", registries);
        assertThat(withValues.getPlugin("activation", Activation.class).apply(2)).isEqualTo(8.0);
        assertThatThrownBy(() -> Params.resolve(specs, Map.of("activation", "rleu"), "model.layers[0]", registries))
                .hasMessage("model.layers[0].activation: unknown activation 'rleu'; did you mean 'relu'? Known activations: relu");
        assertThatThrownBy(() -> Params.resolve(specs, Map.of("activation", 3), "model.layers[0]", registries))
                .hasMessage("model.layers[0].activation must be the name of one of the activations, or an object with a \"name\" field, found 3");
    }

    @Test
    void rangesReadAsRules() {
        assertThat(Range.greaterThan(0)).hasToString("> 0");
        assertThat(Range.atLeast(1)).hasToString(">= 1");
        assertThat(Range.atMost(0.5)).hasToString("<= 0.5");
        assertThat(Range.closed(-1, 1)).hasToString("in [-1, 1]");
        assertThat(Range.closedOpen(0, 1)).hasToString("in [0, 1)");
        assertThat(Range.any()).hasToString("a finite number");
        assertThat(Range.closedOpen(0, 1).contains(1)).isFalse();
        assertThat(Range.closedOpen(0, 1).contains(Double.NaN)).isFalse();
    }

    @Test
    void specsRefuseInconsistentDefaults() {
        assertThatThrownBy(() -> ParamSpec.ofDouble("rate", -1, Range.greaterThan(0), "x"))
                .hasMessage("Default of 'rate' must be > 0, found -1.0");
        assertThatThrownBy(() -> ParamSpec.ofDouble("Rate", 1, Range.greaterThan(0), "x"))
                .hasMessage("Parameter names are lower camel case, found 'Rate'");
    }
}
