package org.rnnlab.diagnostics;

import java.util.List;
import org.rnnlab.spi.Parameter;

/**
 * The gradient buffers of some parameters, copied so that a measurement that runs backward passes
 * of its own (they add into those buffers) can put them back bit for bit.
 */
final class SavedGradients {
    private final List<Parameter> parameters;
    private final double[][] saved;

    private SavedGradients(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.saved = new double[this.parameters.size()][];
        for (int i = 0; i < saved.length; i++) {
            Parameter p = this.parameters.get(i);
            saved[i] = java.util.Arrays.copyOf(p.gradient().data, p.size());
        }
    }

    /** Copies the gradients of {@code parameters} now. Not modified. */
    static SavedGradients of(List<Parameter> parameters) {
        return new SavedGradients(parameters);
    }

    /** Writes the copied gradients back. */
    void restore() {
        for (int i = 0; i < saved.length; i++) {
            System.arraycopy(saved[i], 0, parameters.get(i).gradient().data, 0, saved[i].length);
        }
    }
}
