package org.rnnlab.experiments.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON forms a study folder uses: compact cells and lines, and the canonical form its checksum is taken of. */
final class StudyJson {
    private static final ObjectMapper COMPACT = JsonMapper.builder().build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private StudyJson() {
    }

    /** One line of JSON. */
    static String compact(Object tree) {
        try {
            return COMPACT.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain values always serializes", e);
        }
    }

    /** A value in a table cell or message: a string as itself, anything else as compact JSON. */
    static String cell(Object value) {
        return value instanceof String s ? s : compact(value);
    }

    /** Parses one line of JSON. */
    static Object parse(String text) throws JsonProcessingException {
        return COMPACT.readValue(text, Object.class);
    }

    /** Keys sorted at every level, no spaces: equal trees give equal text whatever their key order. */
    static String canonical(Object tree) {
        try {
            return CANONICAL.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain values always serializes", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** A copy of a tree of maps and lists that a change to the copy leaves alone. */
    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T tree) {
        if (tree instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, deepCopy(v)));
            return (T) out;
        }
        if (tree instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(deepCopy(v)));
            return (T) out;
        }
        return tree;
    }
}
