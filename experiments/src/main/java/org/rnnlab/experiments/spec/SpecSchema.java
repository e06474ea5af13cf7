package org.rnnlab.experiments.spec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.params.PluginRef;

/**
 * The shape of a spec file, derived from the records by reflection so it cannot drift from them:
 * a record is an object whose fields are its components; a {@link PluginRef} or a map is an open
 * object (a plugin's name and parameters, a cell's options); a list holds elements of one shape.
 * The reader uses it to refuse unknown fields, {@code --set} to tell a misspelt path from a new
 * plugin parameter, and a test to check that {@code docs/spec.md} documents every field.
 */
public final class SpecSchema {
    /** What a node of the tree is. */
    public enum Kind {
        /** An object with fixed fields. */
        RECORD,
        /** A list of elements of one shape. */
        LIST,
        /** An object with any keys: a plugin's name and parameters, options, initializers. */
        OPEN,
        /** A number, string, boolean or null. */
        VALUE
    }

    /**
     * One node.
     *
     * @param kind what it is
     * @param fields a record's fields in component order; empty otherwise
     * @param element a list's element; null otherwise
     * @param type the Java type it is read into
     */
    public record Node(Kind kind, Map<String, Node> fields, Node element, Type type) {
        public Node {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** The field a spec file may carry besides the record's: what {@code spec.json} records about its run. */
    public static final String PROVENANCE = "provenance";

    private static final Node ROOT = build();

    private SpecSchema() {
    }

    /** The spec file's root object. */
    public static Node root() {
        return ROOT;
    }

    private static Node build() {
        Node spec = of(ExperimentSpec.class);
        Map<String, Node> fields = new LinkedHashMap<>(spec.fields());
        fields.put(PROVENANCE, new Node(Kind.OPEN, Map.of(), null, Map.class));
        return new Node(Kind.RECORD, fields, null, ExperimentSpec.class);
    }

    /**
     * Every path of the tree: {@code seed}, {@code model.layers[].hiddenSize}, ...; a list's element
     * as {@code []}. Open objects end a path.
     */
    public static List<String> paths() {
        List<String> out = new java.util.ArrayList<>();
        collect(root(), "", out);
        return out;
    }

    private static void collect(Node node, String prefix, List<String> out) {
        switch (node.kind()) {
            case RECORD -> node.fields().forEach((name, child) -> {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                out.add(path);
                collect(child, path, out);
            });
            case LIST -> collect(node.element(), prefix + "[]", out);
            default -> {
            }
        }
    }

    private static Node of(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == PluginRef.class || Map.class.isAssignableFrom(raw)) {
            return new Node(Kind.OPEN, Map.of(), null, type);
        }
        if (List.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return new Node(Kind.LIST, Map.of(), of(element), type);
        }
        if (raw.isRecord()) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                fields.put(c.getName(), of(c.getGenericType()));
            }
            return new Node(Kind.RECORD, fields, null, type);
        }
        return new Node(Kind.VALUE, Map.of(), null, type);
    }
}
