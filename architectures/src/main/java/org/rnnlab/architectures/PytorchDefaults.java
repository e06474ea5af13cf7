package org.rnnlab.architectures;

import java.util.Map;
import org.rnnlab.params.PluginRef;

/** PyTorch's default initializations, for cells PyTorch has. */
final class PytorchDefaults {
    private PytorchDefaults() {
    }

    /** Every parameter of nn.RNN, nn.LSTM and nn.GRU: uniform in [-1/sqrt(H), 1/sqrt(H)]. */
    static PluginRef uniform(int hiddenSize) {
        double k = 1.0 / Math.sqrt(hiddenSize);
        return PluginRef.of("uniform", Map.of("low", -k, "high", k));
    }
}
