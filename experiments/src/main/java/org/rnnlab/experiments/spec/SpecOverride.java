package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;

/**
 * One {@code --set path=value}: a change to a parsed spec tree before it is read and validated.
 *
 * <p>The path names fields with dots and list entries with brackets:
 * {@code model.layers[0].hiddenSize}, {@code task.length}, {@code transforms[1].threshold}. The value
 * is read as YAML, so {@code 50} is a number, {@code true} a boolean, {@code relu} a string,
 * {@code null} (or nothing) restores the default, and {@code "[{name: clip_global_norm}]"} is a list.
 *
 * <p>A field of the spec's own records must exist by name ({@code batchSize}, not {@code batchsize});
 * inside a plugin's section ({@code task}, {@code optimizer}, a layer's {@code options}) any key may be
 * set, and the plugin's own validation then names a misspelt parameter. A list entry must exist:
 * {@code model.layers[3]} of a one-layer model is an error.
 *
 * @param text the argument as given, for messages: {@code model.layers[0].hiddenSize=50}
 * @param path the path before {@code =}
 * @param value the parsed value
 */
public record SpecOverride(String text, String path, Object value) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    public SpecOverride {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Parses {@code path=value}.
     *
     * @throws InvalidSpecException if there is no {@code =}, the path is malformed or the value is not YAML
     */
    public static SpecOverride parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new InvalidSpecException(List.of("--set " + text + ": expected path=value, such as "
                    + "model.layers[0].hiddenSize=50"));
        }
        String path = text.substring(0, eq).trim();
        segments(text, path);
        String raw = text.substring(eq + 1);
        Object value;
        if (raw.isBlank()) {
            value = null;
        } else {
            try {
                value = YAML.readValue(raw, Object.class);
            } catch (JsonProcessingException e) {
                throw new InvalidSpecException(List.of("--set " + text + ": the value is not valid YAML: "
                        + e.getOriginalMessage().lines().findFirst().orElse("").strip()));
            }
        }
        return new SpecOverride(text, path, value);
    }

    /** Parses every argument, reporting every malformed one. */
    public static List<SpecOverride> parseAll(List<String> texts) {
        List<String> problems = new ArrayList<>();
        List<SpecOverride> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(parse(t));
            } catch (InvalidSpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return out;
    }

    private record Segment(String key, List<Integer> indices) {
    }

    private static List<Segment> segments(String text, String path) {
        List<Segment> out = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new InvalidSpecException(List.of("--set " + text + ": '" + path + "' is not a path such as "
                        + "model.layers[0].hiddenSize"));
            }
            List<Integer> indices = new ArrayList<>();
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                try {
                    indices.add(Integer.parseInt(i.group(1)));
                } catch (NumberFormatException e) {
                    throw new InvalidSpecException(List.of("--set " + text + ": index " + i.group(1) + " is too large"));
                }
            }
            out.add(new Segment(m.group(1), indices));
        }
        return out;
    }

    /**
     * Applies this change to a parsed spec tree.
     *
     * @param tree the spec's root object, as Jackson parsed it (mutable maps and lists). Modified.
     * @param problems Modified: a problem is appended if the path does not exist
     */
    public void apply(Map<String, Object> tree, List<String> problems) {
        String problem = applyTo(tree);
        if (problem != null) {
            problems.add("--set " + text + ": " + problem);
        }
    }

    /** Applies the change; returns what is wrong with the path, or null. */
    @SuppressWarnings("unchecked")
    private String applyTo(Map<String, Object> tree) {
        List<Segment> segments = segments(text, path);
        Object container = tree;
        SpecSchema.Node schema = SpecSchema.root();
        String at = "";
        for (int s = 0; s < segments.size(); s++) {
            Segment seg = segments.get(s);
            String where = at.isEmpty() ? "the spec" : at;
            if (!(container instanceof Map<?, ?>)) {
                return where + " is not an object, found " + Params.show(container);
            }
            Map<String, Object> map = (Map<String, Object>) container;
            SpecSchema.Node child;
            switch (schema.kind()) {
                case RECORD -> {
                    child = schema.fields().get(seg.key());
                    if (child == null) {
                        return SpecReader.unknownField(where, seg.key(), schema.fields().keySet());
                    }
                }
                case OPEN -> child = schema;
                default -> {
                    return where + " is not an object";
                }
            }
            at = at.isEmpty() ? seg.key() : at + "." + seg.key();
            boolean last = s == segments.size() - 1;
            if (last && seg.indices().isEmpty()) {
                map.put(seg.key(), value);
                return null;
            }
            Object next = map.get(seg.key());
            if (next == null && seg.indices().isEmpty()) {
                next = new LinkedHashMap<String, Object>();
                map.put(seg.key(), next);
            } else if (next instanceof String name && child.kind() == SpecSchema.Kind.OPEN && seg.indices().isEmpty()) {
                // A plugin named by its name alone ("optimizer": "adam") gets an object to hold the parameter.
                Map<String, Object> named = new LinkedHashMap<>();
                named.put("name", name);
                next = named;
                map.put(seg.key(), next);
            }
            for (int k = 0; k < seg.indices().size(); k++) {
                int index = seg.indices().get(k);
                if (child.kind() == SpecSchema.Kind.LIST) {
                    child = child.element();
                } else if (child.kind() != SpecSchema.Kind.OPEN) {
                    return at + " is not a list";
                }
                List<Object> list;
                if (next == null) {
                    list = List.of();
                } else if (next instanceof List<?> l) {
                    list = (List<Object>) l;
                } else {
                    return at + " is not a list, found " + Params.show(next);
                }
                if (index >= list.size()) {
                    return at + " has " + list.size() + (list.size() == 1 ? " entry" : " entries") + ", so " + at + "["
                            + index + "] does not exist";
                }
                at = at + "[" + index + "]";
                if (last && k == seg.indices().size() - 1) {
                    list.set(index, value);
                    return null;
                }
                next = list.get(index);
                if (next instanceof String name && child.kind() == SpecSchema.Kind.OPEN && k == seg.indices().size() - 1) {
                    Map<String, Object> named = new LinkedHashMap<>();
                    named.put("name", name);
                    next = named;
                    list.set(index, next);
                }
            }
            container = next;
            schema = child;
        }
        throw new AssertionError("the last segment returns");
    }
}
