package org.rnnlab.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.ParameterRole;

/**
 * One recurrent layer of a model.
 *
 * @param cell the cell plugin's name ({@code "rnn"}, {@code "lstm"})
 * @param hiddenSize the width of its state, >= 1
 * @param options the cell's parameters by name ({@code {"activation": "relu"}}); missing ones take defaults
 * @param init initializers overriding the cell's defaults. A key names a role ({@code "input"},
 *     {@code "recurrent"}, {@code "bias"}, {@code "other"}) or a parameter of the cell
 *     ({@code "bias_hh"}), optionally followed by a gate of a gated cell ({@code "bias.forget"},
 *     {@code "weight_hh.cell"}). For each gate block the most specific key wins: parameter and gate,
 *     role and gate, parameter, role, then the cell's default.
 */
public record LayerSpec(String cell, int hiddenSize, Map<String, Object> options, Map<String, PluginRef> init) {

    /** The spec words for each role's initializer. */
    public static final Map<String, ParameterRole> INIT_ROLES = Map.of(
            "input", ParameterRole.INPUT_WEIGHT,
            "recurrent", ParameterRole.RECURRENT_WEIGHT,
            "bias", ParameterRole.BIAS,
            "other", ParameterRole.OTHER);

    public LayerSpec {
        Objects.requireNonNull(cell, "cell");
        options = Map.copyOf(options);
        init = Map.copyOf(init);
    }

    /** A layer of the given cell at its defaults. */
    public static LayerSpec of(String cell, int hiddenSize) {
        return new LayerSpec(cell, hiddenSize, Map.of(), Map.of());
    }

    /** This layer with one more cell option. */
    public LayerSpec withOption(String name, Object value) {
        Map<String, Object> o = new LinkedHashMap<>(options);
        o.put(name, value);
        return new LayerSpec(cell, hiddenSize, o, init);
    }

    /** This layer with the initializer of one role ({@code "recurrent"}) replaced. */
    public LayerSpec withInit(String role, PluginRef initializer) {
        Map<String, PluginRef> i = new LinkedHashMap<>(init);
        i.put(role, initializer);
        return new LayerSpec(cell, hiddenSize, options, i);
    }

    /** Problems of this layer alone, each with {@code path} in front; init keys are checked against the cell when it is built. */
    void validate(String path, List<String> problems) {
        if (hiddenSize < 1) {
            problems.add(path + ".hiddenSize must be > 0, found " + hiddenSize);
        }
    }
}
