package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;

/**
 * Spec files: JSON, or YAML for names ending in {@code .yaml} or {@code .yml}.
 *
 * <pre>{@code
 * Experiment e = SpecFiles.load(Path.of("examples/irnn-adding.json"), List.of("task.length=100"),
 *         Registries.standard());
 * }</pre>
 *
 * <p>Reading is in three steps, and every problem of all three is reported at once in one
 * {@link InvalidSpecException}: the {@code --set} changes are applied to the parsed tree
 * ({@link SpecOverride}); the tree is read into records, each field checked for its type and range;
 * the records are resolved against the registries ({@link Experiment#resolve}).
 */
public final class SpecFiles {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SpecFiles() {
    }

    /** Whether a file is read as YAML: by its name's ending. */
    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * The file's tree of maps, lists and values.
     *
     * @throws InvalidSpecException if it is not valid JSON or YAML, saying where
     * @throws IOException if it cannot be read
     */
    public static Object parse(Path file) throws IOException {
        String text = Files.readString(file);
        return parse(text, isYaml(file));
    }

    /** Parses spec text. */
    public static Object parse(String text, boolean yaml) {
        try {
            return (yaml ? YAML : JSON).readValue(text, Object.class);
        } catch (MismatchedInputException e) {
            if (text.isBlank()) {
                return null;
            }
            throw syntax(e, yaml);
        } catch (JsonProcessingException e) {
            throw syntax(e, yaml);
        }
    }

    private static InvalidSpecException syntax(JsonProcessingException e, boolean yaml) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        return new InvalidSpecException(List.of("the file is not valid " + (yaml ? "YAML" : "JSON") + where + ": " + message));
    }

    /**
     * Reads, changes, checks and resolves a spec file.
     *
     * @param sets {@code path=value} changes, applied in order
     * @throws InvalidSpecException listing every problem
     * @throws IOException if the file cannot be read
     */
    public static Experiment load(Path file, List<String> sets, Registries registries) throws IOException {
        Object tree = parse(file);
        return resolve(tree, SpecOverride.parseAll(sets), registries);
    }

    /**
     * Changes, checks and resolves a parsed spec tree.
     *
     * @param tree as Jackson parses a spec (mutable maps and lists). Modified by the overrides.
     * @throws InvalidSpecException listing every problem
     */
    @SuppressWarnings("unchecked")
    public static Experiment resolve(Object tree, List<SpecOverride> overrides, Registries registries) {
        List<String> problems = new ArrayList<>();
        if (!overrides.isEmpty()) {
            if (tree instanceof Map<?, ?> map) {
                for (SpecOverride o : overrides) {
                    o.apply((Map<String, Object>) map, problems);
                }
            }
        }
        SpecReader.Result read = SpecReader.read(tree, registries);
        problems.addAll(read.problems());
        Optional<Experiment> experiment = read.spec() == null ? Optional.empty()
                : Experiment.resolve(read.spec(), registries, read.taskReported(), read.modelReported(), problems);
        if (!problems.isEmpty() || experiment.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return experiment.get();
    }

    /** Reads and checks a tree into a spec, without resolving plugins' parameters. */
    public static ExperimentSpec read(Object tree, Registries registries) {
        SpecReader.Result read = SpecReader.read(tree, registries);
        if (!read.problems().isEmpty()) {
            throw new InvalidSpecException(read.problems());
        }
        return read.spec();
    }

    /** A tree as indented JSON, the form of {@code spec.json} and {@code summary.json}. */
    public static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain values always serializes", e);
        }
    }
}
