package org.rnnlab.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.PluginRef;

/**
 * A named, trainable tensor of a cell or model, with the buffer its gradient accumulates in.
 *
 * <p>The name follows PyTorch's state_dict where PyTorch has the cell ({@code weight_ih},
 * {@code weight_hh}, {@code bias_ih}, {@code bias_hh}), so checkpoints move both ways. A matrix of
 * shape [rows, cols] is stored row-major in a {@link DMatrixRMaj} of that shape; a vector of shape
 * [n] is stored as an n x 1 column.
 */
public final class Parameter {
    private final String name;
    private final ParameterRole role;
    private final int gates;
    private final List<String> gateNames;
    private final int[] shape;
    private final DMatrixRMaj value;
    private final DMatrixRMaj gradient;
    private final PluginRef defaultInitializer;

    /** The same tensor under another name: values and gradient are shared, not copied. */
    private Parameter(Parameter original, String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.role = original.role;
        this.gates = original.gates;
        this.gateNames = original.gateNames;
        this.shape = original.shape;
        this.value = original.value;
        this.gradient = original.gradient;
        this.defaultInitializer = original.defaultInitializer;
    }

    private Parameter(String name, ParameterRole role, List<String> gateNames, int[] shape, PluginRef defaultInitializer) {
        this(name, role, Math.max(1, gateNames.size()), gateNames, shape, defaultInitializer);
    }

    private Parameter(String name, ParameterRole role, int gates, int[] shape, PluginRef defaultInitializer) {
        this(name, role, gates, List.of(), shape, defaultInitializer);
    }

    private Parameter(String name, ParameterRole role, int gates, List<String> gateNames, int[] shape,
            PluginRef defaultInitializer) {
        this.name = Objects.requireNonNull(name, "name");
        this.gateNames = List.copyOf(gateNames);
        this.role = Objects.requireNonNull(role, "role");
        this.defaultInitializer = Objects.requireNonNull(defaultInitializer, "defaultInitializer");
        if (gates < 1 || shape[0] % gates != 0) {
            throw new IllegalArgumentException(
                    name + ": " + shape[0] + " rows cannot be split into " + gates + " gate blocks");
        }
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(name + ": every dimension must be >= 1, found " + Arrays.toString(shape));
            }
        }
        this.gates = gates;
        this.shape = shape.clone();
        int cols = shape.length == 1 ? 1 : shape[1];
        this.value = new DMatrixRMaj(shape[0], cols);
        this.gradient = new DMatrixRMaj(shape[0], cols);
    }

    /**
     * A matrix parameter [rows x cols], values and gradient zero.
     *
     * @param gates the number of gate blocks stacked along the rows (1 if ungated)
     * @param defaultInitializer what initializes it when a spec names nothing for its role
     */
    public static Parameter matrix(String name, ParameterRole role, int gates, int rows, int cols,
            PluginRef defaultInitializer) {
        return new Parameter(name, role, gates, new int[] {rows, cols}, defaultInitializer);
    }

    /**
     * A gated matrix parameter: {@code gateNames.size()} blocks of {@code rows / gates} rows, named
     * in row order (PyTorch's LSTM: input, forget, cell, output), so a spec can initialize one gate.
     */
    public static Parameter gatedMatrix(String name, ParameterRole role, List<String> gateNames, int rows, int cols,
            PluginRef defaultInitializer) {
        return new Parameter(name, role, gateNames, new int[] {rows, cols}, defaultInitializer);
    }

    /** A gated vector parameter, as {@link #gatedMatrix}. */
    public static Parameter gatedVector(String name, ParameterRole role, List<String> gateNames, int length,
            PluginRef defaultInitializer) {
        return new Parameter(name, role, gateNames, new int[] {length}, defaultInitializer);
    }

    /** A vector parameter [length], stored as a column, values and gradient zero. */
    public static Parameter vector(String name, ParameterRole role, int gates, int length,
            PluginRef defaultInitializer) {
        return new Parameter(name, role, gates, new int[] {length}, defaultInitializer);
    }

    /**
     * The name: inside a cell its own ({@code weight_hh}); in a model's parameter list the
     * state_dict name ({@code rnn.weight_hh_l0}), so messages from transforms say which layer.
     */
    public String name() {
        return name;
    }

    /**
     * This tensor under another name, sharing the same value and gradient buffers: how a model
     * names its cells' parameters without copying them.
     */
    public Parameter withName(String newName) {
        return new Parameter(this, newName);
    }

    public ParameterRole role() {
        return role;
    }

    /** Gate blocks stacked along the rows; 1 if ungated. */
    public int gates() {
        return gates;
    }

    /** The gate blocks' names in row order, or empty if the cell does not name them. */
    public List<String> gateNames() {
        return gateNames;
    }

    /** [rows, cols] for a matrix, [length] for a vector. A copy. */
    public int[] shape() {
        return shape.clone();
    }

    public boolean isVector() {
        return shape.length == 1;
    }

    /** Number of elements. */
    public int size() {
        return value.getNumElements();
    }

    /** The values. Modified by initializers, optimizers and constraints. */
    public DMatrixRMaj value() {
        return value;
    }

    /** The gradient; backward passes add into it, and the trainer zeroes it before each update. */
    public DMatrixRMaj gradient() {
        return gradient;
    }

    /** The initializer a cell asks for when a spec names none for this parameter's role. */
    public PluginRef defaultInitializer() {
        return defaultInitializer;
    }

    /** What an initializer needs to know about this tensor, outside any model. */
    public InitContext initContext() {
        return initContext(0, 1);
    }

    /** What an initializer needs to know about this tensor in layer {@code layer} of {@code layers}. */
    public InitContext initContext(int layer, int layers) {
        return new InitContext(role, gates, isVector(), name, gateNames, layer, layers);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
