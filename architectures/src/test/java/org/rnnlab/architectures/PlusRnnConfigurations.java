package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;

/** The plus_rnn options both of its contract tests check. */
final class PlusRnnConfigurations {
    /** The defaults (relu, tanh, gate bias 1), and smooth activations for both candidates without the gate bias. */
    static final List<Map<String, Object>> ALL = List.of(
            Map.of(),
            Map.of("outputActivation", "softplus", "activation", "sigmoid", "gateBias", 0));

    private PlusRnnConfigurations() {
    }
}
