package org.rnnlab.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * What {@link SafeTensors#read} found in a file: its metadata and its tensors.
 *
 * @param metadata every key of the header's {@code __metadata__} in file order, including
 *     {@link SafeTensors#FORMAT_KEY} and {@link SafeTensors#SHA256_KEY} when present; unmodifiable
 * @param tensors the tensors in the order of their data in the file, converted to double;
 *     unmodifiable
 */
public record SafeTensorsFile(Map<String, String> metadata, List<NamedTensor> tensors) {

    public SafeTensorsFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    /** The metadata without the keys rnnlab's writer adds itself, ready to pass to {@link SafeTensors#write}. */
    public Map<String, String> userMetadata() {
        Map<String, String> user = new LinkedHashMap<>(metadata);
        user.keySet().removeAll(SafeTensors.RESERVED_KEYS);
        return Collections.unmodifiableMap(user);
    }

    /** The tensor names in data order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(tensors.size());
        for (NamedTensor t : tensors) {
            names.add(t.name());
        }
        return names;
    }

    /**
     * The tensor with this name.
     *
     * @throws NoSuchElementException if there is none; the message lists the names there are
     */
    public NamedTensor tensor(String name) {
        Objects.requireNonNull(name, "name");
        for (NamedTensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new NoSuchElementException("No tensor named '" + name + "' in this checkpoint; it has " + names());
    }
}
