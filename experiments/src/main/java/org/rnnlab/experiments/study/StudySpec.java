package org.rnnlab.experiments.study;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.params.Suggestions;

/**
 * A study spec as written (docs/studies.md), checked for its shape: known keys, non-empty lists, zip
 * groups of equal length, distinct variant labels. Whether each run's experiment is valid is checked
 * later, when the study is expanded ({@link Study}).
 *
 * @param study the name: letters, digits, '-' and '_'
 * @param description free text, "" if none
 * @param source {@code citation} and {@code published}, empty if none
 * @param base the experiment spec tree every run starts from
 * @param variants families of configurations, joined; empty if none
 * @param grid axes crossed with every variant, in written order
 * @param zip groups of axes that advance together
 * @param seeds the seeds every grid point runs with, or null to use the base's seed
 * @param x the report's x axis as written, or null
 * @param scales named changes, chosen with {@code --scale}
 */
public record StudySpec(String study, String description, Map<String, Object> source, Map<String, Object> base,
        List<Variant> variants, Map<String, List<Object>> grid, List<Map<String, List<Object>>> zip, List<Long> seeds,
        String x, Map<String, Scale> scales) {

    /** The keys of a study spec, in the documented order. */
    public static final List<String> KEYS = List.of("study", "description", "source", "base", "variants", "grid", "zip",
            "seeds", "report", "scales");
    private static final List<String> VARIANT_KEYS = List.of("label", "set", "grid", "zip");
    private static final List<String> SCALE_KEYS = List.of("seeds", "set", "grid");
    private static final List<String> SOURCE_KEYS = List.of("citation", "published");
    private static final List<String> REPORT_KEYS = List.of("x");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * A family of configurations.
     *
     * @param label its name in tables and reports
     * @param set fixed changes to the base
     * @param grid axes crossed within the variant
     * @param zip groups of axes that advance together within the variant
     */
    public record Variant(String label, Map<String, Object> set, Map<String, List<Object>> grid,
            List<Map<String, List<Object>>> zip) {
    }

    /**
     * Named changes chosen with {@code --scale}.
     *
     * @param seeds replaces the seeds, or null
     * @param set changes to the base
     * @param grid replaces axes' value lists
     */
    public record Scale(List<Long> seeds, Map<String, Object> set, Map<String, List<Object>> grid) {
    }

    /** Reads a study file's base given as a file name: returns the parsed tree. */
    @FunctionalInterface
    public interface BaseFiles {
        /**
         * @throws InvalidSpecException with one problem if the file cannot be read or parsed
         */
        Object read(String name);
    }

    /**
     * Reads and checks a parsed study spec.
     *
     * @param tree as Jackson parses a file. Not modified.
     * @param baseFiles reads {@code base: other.json}, relative to the study file
     * @throws InvalidSpecException listing every problem
     */
    public static StudySpec read(Object tree, BaseFiles baseFiles) {
        List<String> problems = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> root)) {
            throw new InvalidSpecException(List.of("a study spec must be an object with the fields " + String.join(", ", KEYS)
                    + ", found " + Params.show(tree)));
        }
        Map<String, Object> map = object(root);
        unknownKeys(map, KEYS, "the study", problems);

        String study = null;
        Object name = map.get("study");
        if (name == null) {
            problems.add("study: missing; give the study a name of letters, digits, '-' and '_'");
        } else if (!(name instanceof String s) || !NAME.matcher(s).matches()) {
            problems.add("study: the name may hold only letters, digits, '-' and '_', found " + Params.show(name));
        } else {
            study = s;
        }
        String description = text(map.get("description"), "description", problems);
        Map<String, Object> source = new LinkedHashMap<>();
        Object src = map.get("source");
        if (src != null) {
            if (src instanceof Map<?, ?> s) {
                source = object(s);
                unknownKeys(source, SOURCE_KEYS, "source", problems);
                for (String k : SOURCE_KEYS) {
                    text(source.get(k), "source." + k, problems);
                }
            } else {
                problems.add("source must be an object with the fields citation, published, found " + Params.show(src));
            }
        }

        Map<String, Object> base = null;
        Object b = map.get("base");
        if (b == null) {
            problems.add("base: missing; give an experiment spec (docs/spec.md), inline or as a file name");
        } else if (b instanceof Map<?, ?> inline) {
            base = object(inline);
        } else if (b instanceof String file) {
            try {
                Object read = baseFiles.read(file);
                if (read instanceof Map<?, ?> m) {
                    base = object(m);
                } else {
                    problems.add("base: " + file + " must hold an experiment spec object, found " + Params.show(read));
                }
            } catch (InvalidSpecException e) {
                problems.addAll(e.problems());
            }
        } else {
            problems.add("base must be an experiment spec object or a file name, found " + Params.show(b));
        }

        List<Variant> variants = new ArrayList<>();
        Object vs = map.get("variants");
        if (vs != null) {
            if (!(vs instanceof List<?> list)) {
                problems.add("variants must be a list of {label, set, grid, zip}, found " + Params.show(vs));
            } else if (list.isEmpty()) {
                problems.add("variants is an empty list; leave it out or give at least one variant");
            } else {
                Map<String, Integer> labels = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    String where = "variants[" + i + "]";
                    if (!(list.get(i) instanceof Map<?, ?> vm)) {
                        problems.add(where + " must be an object with the fields " + String.join(", ", VARIANT_KEYS)
                                + ", found " + Params.show(list.get(i)));
                        continue;
                    }
                    Map<String, Object> v = object(vm);
                    unknownKeys(v, VARIANT_KEYS, where, problems);
                    Object label = v.get("label");
                    String l = null;
                    if (label == null) {
                        problems.add(where + ".label: missing; every variant needs a label");
                    } else if (!(label instanceof String s) || s.isBlank()) {
                        problems.add(where + ".label must be a non-empty text, found " + Params.show(label));
                    } else {
                        l = s;
                        Integer first = labels.putIfAbsent(s, i);
                        if (first != null) {
                            problems.add("variants: the label '" + s + "' is used by variants[" + first + "] and " + where
                                    + "; labels must differ");
                        }
                    }
                    variants.add(new Variant(l, sets(v.get("set"), where + ".set", problems),
                            grid(v.get("grid"), where + ".grid", problems), zip(v.get("zip"), where + ".zip", problems)));
                }
            }
        }
        Map<String, List<Object>> grid = grid(map.get("grid"), "grid", problems);
        List<Map<String, List<Object>>> zip = zip(map.get("zip"), "zip", problems);
        List<Long> seeds = seeds(map.get("seeds"), "seeds", problems);

        String x = null;
        Object report = map.get("report");
        if (report != null) {
            if (!(report instanceof Map<?, ?> rm)) {
                problems.add("report must be an object with the field x, found " + Params.show(report));
            } else {
                Map<String, Object> r = object(rm);
                unknownKeys(r, REPORT_KEYS, "report", problems);
                Object rx = r.get("x");
                if (rx != null && !(rx instanceof String)) {
                    problems.add("report.x must be an axis path, found " + Params.show(rx));
                } else {
                    x = (String) rx;
                }
            }
        }

        Map<String, Scale> scales = new LinkedHashMap<>();
        Object sc = map.get("scales");
        if (sc != null) {
            if (!(sc instanceof Map<?, ?> sm)) {
                problems.add("scales must be an object of name: {seeds, set, grid}, found " + Params.show(sc));
            } else {
                for (Map.Entry<String, Object> e : object(sm).entrySet()) {
                    String where = "scales." + e.getKey();
                    if (!(e.getValue() instanceof Map<?, ?> one)) {
                        problems.add(where + " must be an object with the fields " + String.join(", ", SCALE_KEYS)
                                + ", found " + Params.show(e.getValue()));
                        continue;
                    }
                    Map<String, Object> s = object(one);
                    unknownKeys(s, SCALE_KEYS, where, problems);
                    scales.put(e.getKey(), new Scale(seeds(s.get("seeds"), where + ".seeds", problems),
                            sets(s.get("set"), where + ".set", problems), grid(s.get("grid"), where + ".grid", problems)));
                }
            }
        }

        if (problems.isEmpty()) {
            StudySpec spec = new StudySpec(study, description, source, base, variants, grid, zip, seeds, x, scales);
            spec.checkAxes(problems);
            for (Map.Entry<String, Scale> s : scales.entrySet()) {
                for (String axis : s.getValue().grid().keySet()) {
                    if (!spec.axes().contains(axis)) {
                        problems.add("scales." + s.getKey() + ".grid: '" + axis + "' is not an axis of the study; axes: "
                                + axesText(spec.axes()));
                    }
                }
            }
            if (problems.isEmpty()) {
                return spec;
            }
        }
        throw new InvalidSpecException(problems);
    }

    /** Every axis of every variant and of the shared grid, in order of first appearance. */
    public List<String> axes() {
        List<String> axes = new ArrayList<>();
        for (Variant v : variants) {
            addAxes(axes, v.grid(), v.zip());
        }
        addAxes(axes, grid, zip);
        return axes;
    }

    private static void addAxes(List<String> axes, Map<String, List<Object>> grid, List<Map<String, List<Object>>> zip) {
        for (String a : grid.keySet()) {
            if (!axes.contains(a)) {
                axes.add(a);
            }
        }
        for (Map<String, List<Object>> group : zip) {
            for (String a : group.keySet()) {
                if (!axes.contains(a)) {
                    axes.add(a);
                }
            }
        }
    }

    /** The report's x axis: {@link #x} if given, else task.length if it is an axis, else null. */
    public String xAxis() {
        if (x != null) {
            return x;
        }
        return axes().contains("task.length") ? "task.length" : null;
    }

    /** Axes used twice in one run's configuration, and a report.x that is not an axis. */
    private void checkAxes(List<String> problems) {
        Map<String, String> sharedWhere = new LinkedHashMap<>();
        placeAxes(sharedWhere, grid, zip, "grid", "zip", problems);
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            Map<String, String> where = new LinkedHashMap<>(sharedWhere);
            placeAxes(where, v.grid(), v.zip(), "variants[" + i + "].grid", "variants[" + i + "].zip", problems);
        }
        if (x != null && !axes().contains(x)) {
            problems.add("report.x: '" + x + "' is not an axis of the study; axes: " + axesText(axes()));
        }
    }

    private static void placeAxes(Map<String, String> where, Map<String, List<Object>> grid,
            List<Map<String, List<Object>>> zip, String gridName, String zipName, List<String> problems) {
        for (String a : grid.keySet()) {
            place(where, a, gridName, problems);
        }
        for (int g = 0; g < zip.size(); g++) {
            for (String a : zip.get(g).keySet()) {
                place(where, a, zipName + "[" + g + "]", problems);
            }
        }
    }

    private static void place(Map<String, String> where, String axis, String here, List<String> problems) {
        String before = where.putIfAbsent(axis, here);
        if (before != null) {
            problems.add("the axis " + axis + " is in " + before + " and in " + here + "; a run can take only one value for it");
        }
    }

    static String axesText(List<String> axes) {
        return axes.isEmpty() ? "(none)" : String.join(", ", axes);
    }

    /**
     * This spec with a scale applied: its seeds replace the seeds, its grid replaces axes' value lists,
     * and its set is returned to be applied to the base.
     *
     * @throws InvalidSpecException if there is no such scale, listing the known ones
     */
    public StudySpec withScale(String name) {
        Scale s = scales.get(name);
        if (s == null) {
            throw new InvalidSpecException(List.of(scales.isEmpty()
                    ? "--scale " + name + ": the study has no scales"
                    : "--scale " + name + ": no such scale; known scales: " + String.join(", ", scales.keySet())));
        }
        List<Variant> vs = new ArrayList<>();
        for (Variant v : variants) {
            vs.add(new Variant(v.label(), v.set(), replaced(v.grid(), s.grid()), replacedZip(v.zip(), s.grid())));
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < vs.size(); i++) {
            checkZip(vs.get(i).zip(), "variants[" + i + "].zip (after --scale " + name + ")", problems);
        }
        List<Map<String, List<Object>>> z = replacedZip(zip, s.grid());
        checkZip(z, "zip (after --scale " + name + ")", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return new StudySpec(study, description, source, base, vs, replaced(grid, s.grid()), z,
                s.seeds() != null ? s.seeds() : seeds, x, scales);
    }

    private static Map<String, List<Object>> replaced(Map<String, List<Object>> grid, Map<String, List<Object>> with) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        grid.forEach((k, v) -> out.put(k, with.getOrDefault(k, v)));
        return out;
    }

    private static List<Map<String, List<Object>>> replacedZip(List<Map<String, List<Object>>> zip,
            Map<String, List<Object>> with) {
        return zip.stream().map(g -> replaced(g, with)).toList();
    }

    // ---- reading helpers ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static void unknownKeys(Map<String, Object> map, List<String> known, String where, List<String> problems) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                problems.add(unknownKey(where, key, known));
            }
        }
    }

    static String unknownKey(String where, String key, Collection<String> known) {
        String hint = Suggestions.closest(key, known).map(s -> "; did you mean '" + s + "'? Known").orElse("; known");
        return where + " has no field '" + key + "'" + hint + " fields: " + String.join(", ", known);
    }

    private static String text(Object v, String where, List<String> problems) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        problems.add(where + " must be a text, found " + Params.show(v));
        return "";
    }

    private static Map<String, Object> sets(Object v, String where, List<String> problems) {
        if (v == null) {
            return new LinkedHashMap<>();
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(where + " must be an object of path: value, found " + Params.show(v));
            return new LinkedHashMap<>();
        }
        Map<String, Object> out = object(m);
        out.keySet().forEach(path -> checkPath(path, where, problems));
        return out;
    }

    private static Map<String, List<Object>> grid(Object v, String where, List<String> problems) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(where + " must be an object of path: [values], found " + Params.show(v));
            return out;
        }
        for (Map.Entry<String, Object> e : object(m).entrySet()) {
            checkPath(e.getKey(), where, problems);
            values(e.getValue(), where + ": " + e.getKey(), problems).ifPresent(l -> out.put(e.getKey(), l));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<List<Object>> values(Object v, String where, List<String> problems) {
        if (!(v instanceof List<?> l)) {
            problems.add(where + " must be a list of values, found " + Params.show(v));
            return java.util.Optional.empty();
        }
        if (l.isEmpty()) {
            problems.add(where + " is an empty list; give at least one value");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of((List<Object>) l);
    }

    private static List<Map<String, List<Object>>> zip(Object v, String where, List<String> problems) {
        List<Map<String, List<Object>>> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> groups)) {
            problems.add(where + " must be a list of groups {path: [values], ...}, found " + Params.show(v));
            return out;
        }
        if (groups.isEmpty()) {
            problems.add(where + " is an empty list; leave it out or give at least one group");
            return out;
        }
        for (int g = 0; g < groups.size(); g++) {
            String at = where + "[" + g + "]";
            if (!(groups.get(g) instanceof Map<?, ?> m) || m.isEmpty()) {
                problems.add(at + " must be an object of path: [values], found " + Params.show(groups.get(g)));
                continue;
            }
            out.add(grid(m, at, problems));
        }
        checkZip(out, where, problems);
        return out;
    }

    private static void checkZip(List<Map<String, List<Object>>> zip, String where, List<String> problems) {
        for (int g = 0; g < zip.size(); g++) {
            Map<String, List<Object>> group = zip.get(g);
            Set<Integer> sizes = new java.util.TreeSet<>();
            group.values().forEach(l -> sizes.add(l.size()));
            if (sizes.size() > 1) {
                List<String> each = new ArrayList<>();
                group.forEach((k, l) -> each.add(k + " has " + l.size()));
                problems.add(where + "[" + g + "]: zipped lists must be of equal length, found " + String.join(", ", each));
            }
        }
    }

    private static List<Long> seeds(Object v, String where, List<String> problems) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            problems.add(where + " must be a list of whole numbers, found " + Params.show(v));
            return null;
        }
        if (l.isEmpty()) {
            problems.add(where + " is an empty list; give at least one seed");
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Object s = l.get(i);
            if (s instanceof Integer || s instanceof Long) {
                long seed = ((Number) s).longValue();
                if (out.contains(seed)) {
                    problems.add(where + "[" + i + "]: the seed " + seed + " is listed twice");
                }
                out.add(seed);
            } else {
                problems.add(where + "[" + i + "] must be a whole number, found " + Params.show(s));
            }
        }
        return out;
    }

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[\\d+])*(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\d+])*)*");

    private static void checkPath(String path, String where, List<String> problems) {
        if (!PATH.matcher(path).matches()) {
            problems.add(where + ": '" + path + "' is not a path such as model.layers[0].hiddenSize");
        }
    }
}
