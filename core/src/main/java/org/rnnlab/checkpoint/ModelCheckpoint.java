package org.rnnlab.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ModelSpecJson;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;

/**
 * A trained model as one safetensors file: every parameter under its PyTorch state_dict name
 * ({@code rnn.weight_ih_l0}, ..., {@code readout.weight}), the model spec as JSON in the metadata
 * key {@value #SPEC_KEY}, and the format version and SHA-256 that {@link SafeTensors} adds.
 *
 * <p>Embedding a trained model takes two lines:
 * <pre>{@code
 * Model model = ModelCheckpoint.load(Path.of("model.safetensors"));
 * double[] y = model.predict(sequence);          // sequence[t][feature]
 * }</pre>
 */
public final class ModelCheckpoint {
    /** Metadata key holding the model spec as JSON. */
    public static final String SPEC_KEY = "rnnlab.spec";

    private ModelCheckpoint() {
    }

    /**
     * Writes {@code model} to {@code file} atomically.
     *
     * @param metadata extra string metadata (provenance: seed, plugin versions); keys must not be
     *     {@value #SPEC_KEY} or the keys {@link SafeTensors} reserves
     */
    public static void save(Model model, Path file, Map<String, String> metadata) throws IOException {
        if (metadata.containsKey(SPEC_KEY)) {
            throw new IllegalArgumentException("Cannot write checkpoint " + file + ": metadata key " + SPEC_KEY
                    + " is reserved for the model spec");
        }
        List<NamedTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            tensors.add(new NamedTensor(e.getKey(), e.getValue().shape(), e.getValue().value().data.clone()));
        }
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(SPEC_KEY, ModelSpecJson.toJson(model.spec()));
        SafeTensors.write(file, tensors, all);
    }

    public static void save(Model model, Path file) throws IOException {
        save(model, file, Map.of());
    }

    /** Reads a model with the standard plugins. */
    public static Model load(Path file) throws IOException {
        return load(file, Registries.standard());
    }

    /**
     * Reads a model: its spec from the metadata, its cells from {@code registries}, every parameter
     * from the tensors of the same name.
     *
     * @throws CorruptCheckpointException if the file is damaged, has no spec, or its tensors do not
     *     match the spec's model (a missing, extra or mis-shaped tensor)
     */
    public static Model load(Path file, Registries registries) throws IOException {
        SafeTensorsFile contents = SafeTensors.read(file);
        String json = contents.metadata().get(SPEC_KEY);
        if (json == null) {
            throw new CorruptCheckpointException(file, "no model spec in the metadata (key " + SPEC_KEY
                    + "); was it written by rnnlab? Use loadWeights to fill a model you build yourself");
        }
        ModelSpec spec;
        try {
            spec = ModelSpecJson.fromJson(json);
        } catch (InvalidSpecException e) {
            throw new CorruptCheckpointException(file, "its model spec is invalid: " + e.getMessage());
        }
        Model model;
        try {
            model = Model.uninitialized(spec, registries);
        } catch (InvalidSpecException e) {
            throw new CorruptCheckpointException(file, "its model cannot be built here: " + e.getMessage());
        }
        copyWeights(contents, model, file);
        return model;
    }

    /**
     * Overwrites {@code model}'s parameters with a checkpoint's, e.g. to start training from it.
     * Names and shapes must match exactly; the file's spec, if any, is not consulted.
     */
    public static void loadWeights(Model model, Path file) throws IOException {
        copyWeights(SafeTensors.read(file), model, file);
    }

    private static void copyWeights(SafeTensorsFile contents, Model model, Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        for (NamedTensor t : contents.tensors()) {
            byName.put(t.name(), t);
        }
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            NamedTensor t = byName.remove(e.getKey());
            if (t == null) {
                problems.add("tensor " + e.getKey() + " is missing");
            } else if (!Arrays.equals(t.shape(), e.getValue().shape())) {
                problems.add("tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + " but the model needs " + Arrays.toString(e.getValue().shape()));
            }
        }
        for (String extra : byName.keySet()) {
            problems.add("tensor " + extra + " is not a parameter of the model");
        }
        if (!problems.isEmpty()) {
            throw new CorruptCheckpointException(file, "it does not match the model: " + String.join("; ", problems));
        }
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            double[] src = contents.tensor(e.getKey()).data();
            System.arraycopy(src, 0, e.getValue().value().data, 0, src.length);
        }
    }
}
