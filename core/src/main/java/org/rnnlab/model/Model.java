package org.rnnlab.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * A stack of recurrent layers, a linear readout and a loss: what is trained, saved and embedded.
 *
 * <p>Parameters carry PyTorch's state_dict names: layer k's cell parameters are
 * {@code rnn.<name>_l<k>} ({@code rnn.weight_ih_l0}), the readout's {@code readout.weight}
 * [outputSize x hidden] and {@code readout.bias}. The model holds parameters and gradients only;
 * the buffers of a forward and backward pass live in a {@link Bptt}, one per thread.
 *
 * <pre>{@code
 * Model model = Model.create(spec, 42);
 * DMatrixRMaj y = model.predict(inputs, null);   // [batch x outputSize] at each sequence's end
 * }</pre>
 */
public final class Model {
    private final ModelSpec spec;
    private final List<Cell> cells;
    private final Parameter readoutWeight;
    private final Parameter readoutBias;
    private final Map<String, Parameter> named;
    private Bptt predictor;

    private Model(ModelSpec spec, List<Cell> cells) {
        this.spec = spec;
        this.cells = List.copyOf(cells);
        int top = cells.get(cells.size() - 1).outputSize();
        PluginRef linear = linearDefault(top);
        this.readoutWeight = Parameter.matrix("readout.weight", ParameterRole.OTHER, 1, spec.outputSize(), top, linear);
        this.readoutBias = Parameter.vector("readout.bias", ParameterRole.OTHER, 1, spec.outputSize(), linear);
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (int k = 0; k < cells.size(); k++) {
            for (Parameter p : cells.get(k).parameters()) {
                String qualified = "rnn." + p.name() + "_l" + k;
                map.put(qualified, p.withName(qualified));
            }
        }
        map.put("readout.weight", readoutWeight);
        map.put("readout.bias", readoutBias);
        this.named = Collections.unmodifiableMap(map);
    }

    /** PyTorch's nn.Linear default: weight and bias uniform in ±1/sqrt(fan_in). */
    private static PluginRef linearDefault(int fanIn) {
        double k = 1.0 / Math.sqrt(fanIn);
        return PluginRef.of("uniform", Map.of("low", -k, "high", k));
    }

    /** A model with the standard plugins, initialized from the run seed's {@code init} streams. */
    public static Model create(ModelSpec spec, long seed) {
        return create(spec, Registries.standard(), new RandomStreams(seed).child("init"));
    }

    /**
     * A model whose parameters are drawn from {@code init}: parameter {@code weight_hh} of layer 0 from
     * the stream {@code layers[0]/weight_hh}, a gate block with an initializer of its own from
     * {@code layers[0]/bias_ih/forget}, the readout from {@code readout/weight} and
     * {@code readout/bias}, so changing one layer or gate leaves the others' values unchanged.
     * Initializers are chosen per {@link LayerSpec#init()}.
     *
     * @throws InvalidSpecException listing every unknown cell, bad option and unknown initializer
     */
    public static Model create(ModelSpec spec, Registries registries, RandomStreams init) {
        Model model = build(spec, registries);
        List<String> problems = new ArrayList<>();
        int layers = model.cells.size();
        for (int k = 0; k < layers; k++) {
            LayerSpec layer = spec.layers().get(k);
            String path = "model.layers[" + k + "].init";
            Set<String> used = new HashSet<>();
            for (Parameter p : model.cells.get(k).parameters()) {
                initializeParameter(p, layer.init(), used, k, layers, path, registries, init, problems);
            }
            for (String key : layer.init().keySet()) {
                if (!used.contains(key)) {
                    List<String> known = initKeys(model.cells.get(k));
                    String hint = org.rnnlab.params.Suggestions.closest(key, known)
                            .map(s -> "; did you mean '" + s + "'? Known keys: ").orElse("; known keys: ");
                    problems.add(path + " has no role or parameter '" + key + "'" + hint + String.join(", ", known));
                }
            }
        }
        for (Parameter p : List.of(model.readoutWeight, model.readoutBias)) {
            PluginRef ref = p.defaultInitializer();
            registries.initializers().create(ref.name(), ref.values(), "model.readout", problems)
                    .ifPresent(i -> fill(i, p.value(), p.initContext(), init.stream(p.name().replace('.', '/')),
                            "model.readout", problems));
        }
        if (!problems.isEmpty()) {
            // A role's initializer fills several parameters (bias_ih and bias_hh): say each problem once.
            throw new InvalidSpecException(List.copyOf(new java.util.LinkedHashSet<>(problems)));
        }
        // A cell's own bounds hold from the start, not only after the first update.
        model.afterUpdate();
        return model;
    }

    /** A model with every parameter zero, to be filled from a checkpoint. */
    public static Model uninitialized(ModelSpec spec, Registries registries) {
        return build(spec, registries);
    }

    private static Model build(ModelSpec spec, Registries registries) {
        List<String> problems = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        int input = spec.inputSize();
        for (int k = 0; k < spec.layers().size(); k++) {
            LayerSpec layer = spec.layers().get(k);
            Optional<CellType> type = registries.cells().create(layer.cell(), layer.options(),
                    "model.layers[" + k + "].cell", "model.layers[" + k + "].options", problems);
            if (type.isPresent() && layer.hiddenSize() >= 1) {
                Cell cell = type.get().create(input, layer.hiddenSize());
                cells.add(cell);
                input = cell.outputSize();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return new Model(spec, cells);
    }

    /**
     * Fills one parameter: the whole tensor from its parameter or role key (or the cell's default),
     * then each gate block that has a key of its own. Records which keys were used.
     */
    private static void initializeParameter(Parameter p, Map<String, PluginRef> keys, Set<String> used, int layer,
            int layers, String path, Registries registries, RandomStreams init, List<String> problems) {
        String role = roleWord(p.role());
        String stream = "layers[" + layer + "]/" + p.name();
        String wholeKey = keys.containsKey(p.name()) ? p.name() : keys.containsKey(role) ? role : null;
        PluginRef whole = wholeKey == null ? p.defaultInitializer() : keys.get(wholeKey);
        if (wholeKey != null) {
            used.add(wholeKey);
        }
        String wholePath = path + "." + (wholeKey == null ? p.name() + " (the cell's default)" : wholeKey);
        registries.initializers().create(whole.name(), whole.values(), wholePath, problems)
                .ifPresent(i -> fill(i, p.value(), p.initContext(layer, layers), init.stream(stream), wholePath, problems));
        int rows = p.value().numRows / p.gates();
        for (int g = 0; g < p.gateNames().size(); g++) {
            String gate = p.gateNames().get(g);
            String key = keys.containsKey(p.name() + "." + gate) ? p.name() + "." + gate
                    : keys.containsKey(role + "." + gate) ? role + "." + gate : null;
            if (key == null) {
                continue;
            }
            used.add(key);
            PluginRef ref = keys.get(key);
            DMatrixRMaj block = new DMatrixRMaj(rows, p.value().numCols);
            InitContext context = new InitContext(p.role(), 1, p.isVector(), p.name(), List.of(gate), layer, layers);
            int first = g * rows;
            registries.initializers().create(ref.name(), ref.values(), path + "." + key, problems).ifPresent(i -> {
                if (fill(i, block, context, init.stream(stream + "/" + gate), path + "." + key, problems)) {
                    System.arraycopy(block.data, 0, p.value().data, first * block.numCols, block.getNumElements());
                }
            });
        }
    }

    /** The init keys a cell understands: roles and parameter names, alone and with each gate. */
    private static List<String> initKeys(Cell cell) {
        Set<String> keys = new java.util.TreeSet<>(LayerSpec.INIT_ROLES.keySet());
        for (Parameter p : cell.parameters()) {
            keys.add(p.name());
            for (String gate : p.gateNames()) {
                keys.add(p.name() + "." + gate);
                keys.add(roleWord(p.role()) + "." + gate);
            }
        }
        return List.copyOf(keys);
    }

    private static boolean fill(Initializer initializer, DMatrixRMaj target, InitContext context,
            org.apache.commons.math3.random.RandomGenerator random, String path, List<String> problems) {
        try {
            initializer.initialize(target, context, random);
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + initializer.name() + " cannot initialize " + context.parameter() + ": "
                    + e.getMessage());
            return false;
        }
    }

    private static String roleWord(ParameterRole role) {
        for (Map.Entry<String, ParameterRole> e : LayerSpec.INIT_ROLES.entrySet()) {
            if (e.getValue() == role) {
                return e.getKey();
            }
        }
        throw new AssertionError(role);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** The layers' cells, bottom first. */
    public List<Cell> cells() {
        return cells;
    }

    /** Every trainable tensor: the layers' in order, then the readout's. */
    public List<Parameter> parameters() {
        return List.copyOf(named.values());
    }

    /** Every trainable tensor by its state_dict name, in {@link #parameters()} order. Not modifiable. */
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    Parameter readoutWeight() {
        return readoutWeight;
    }

    Parameter readoutBias() {
        return readoutBias;
    }

    /**
     * Lets every cell enforce its own constraints after an update ({@link Cell#afterUpdate()}).
     *
     * @return how many parameter values were changed
     */
    public long afterUpdate() {
        long changed = 0;
        for (Cell cell : cells) {
            changed += cell.afterUpdate();
        }
        return changed;
    }

    /** Sets every gradient to zero. */
    public void zeroGradients() {
        for (Parameter p : named.values()) {
            p.gradient().zero();
        }
    }

    /** The number of trainable values. */
    public long size() {
        long n = 0;
        for (Parameter p : named.values()) {
            n += p.size();
        }
        return n;
    }

    /**
     * The readout's outputs for a batch of input sequences: one [batch x outputSize] matrix for
     * {@link ReadAt#LAST} (each sequence at its own last step), one per step for {@link ReadAt#EVERY}.
     * Raw values: logits for cross-entropy. Returns new matrices. Not thread-safe: use one
     * {@link Bptt} per thread for concurrent prediction.
     *
     * @param inputs inputs[t] is [batch x inputSize]. Not modified.
     * @param lengths each sequence's length, or null for all of them full
     */
    public synchronized DMatrixRMaj[] predictAll(DMatrixRMaj[] inputs, int[] lengths) {
        if (predictor == null) {
            predictor = new Bptt(this);
        }
        predictor.forward(Batch.inputsOnly(inputs, lengths));
        DMatrixRMaj[] out = predictor.predictions();
        DMatrixRMaj[] copies = new DMatrixRMaj[out.length];
        for (int i = 0; i < out.length; i++) {
            copies[i] = out[i].copy();
        }
        return copies;
    }

    /** {@link #predictAll} for a model read at the last step: [batch x outputSize]. */
    public DMatrixRMaj predict(DMatrixRMaj[] inputs, int[] lengths) {
        return predictAll(inputs, lengths)[0];
    }

    /**
     * The output for one sequence given as {@code sequence[t][feature]}: the readout at its last step
     * (or at the last step of a model read at every step).
     */
    public double[] predict(double[][] sequence) {
        DMatrixRMaj[] inputs = new DMatrixRMaj[sequence.length];
        for (int t = 0; t < sequence.length; t++) {
            if (sequence[t].length != spec.inputSize()) {
                throw new IllegalArgumentException("Step " + t + " must have " + spec.inputSize() + " features, found "
                        + sequence[t].length);
            }
            inputs[t] = new DMatrixRMaj(1, sequence[t].length, true, sequence[t]);
        }
        DMatrixRMaj[] out = predictAll(inputs, null);
        return out[out.length - 1].data.clone();
    }
}
