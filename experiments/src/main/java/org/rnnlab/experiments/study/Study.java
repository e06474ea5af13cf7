package org.rnnlab.experiments.study;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.experiments.spec.Experiment;
import org.rnnlab.experiments.spec.ExperimentSpec;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.experiments.spec.SpecOverride;
import org.rnnlab.experiments.spec.Version;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;

/**
 * A study expanded into runs, every run's experiment checked.
 *
 * <pre>{@code
 * Study study = Study.load(Path.of("examples/studies/x.yaml"), "quick", List.of(), Registries.standard());
 * StudyResult result = new StudyRunner(Registries.standard()).workers(2).run(study, Path.of("studies/x"));
 * }</pre>
 *
 * <p>Runs are numbered in a fixed order: variants in order; within a variant, its grid's axes, its zip
 * groups, the shared grid's axes and the shared zip groups, the first varying slowest (a zip group
 * counts as one axis); seeds fastest. A run's experiment is the base after the scale's {@code set} and
 * the {@code --set} changes, then the variant's {@code set}, then the run's axis values, then its seed.
 */
public final class Study {
    private final StudyPlan plan;
    private final List<Map<String, Object>> experimentTrees;

    private Study(StudyPlan plan, List<Map<String, Object>> experimentTrees) {
        this.plan = plan;
        this.experimentTrees = experimentTrees;
    }

    /** What {@code study.json} holds. */
    public StudyPlan plan() {
        return plan;
    }

    /** The run's experiment spec tree, ready to resolve (a fresh copy). */
    public Map<String, Object> experimentTree(int run) {
        return StudyJson.deepCopy(experimentTrees.get(run));
    }

    /** The run's experiment, resolved. */
    public Experiment experiment(int run, Registries registries) {
        return SpecFiles.resolve(experimentTree(run), List.of(), registries);
    }

    /**
     * Reads a study file (JSON, or YAML for .yaml/.yml) and expands it.
     *
     * @param scale a scale's name, or null
     * @param sets {@code path=value} changes to the base, applied after the scale's
     * @throws InvalidSpecException listing every problem
     * @throws IOException if the file cannot be read
     */
    public static Study load(Path file, String scale, List<String> sets, Registries registries) throws IOException {
        Object tree = SpecFiles.parse(file);
        Path dir = file.toAbsolutePath().getParent();
        return expand(tree, name -> {
            Path base = dir.resolve(name);
            try {
                return SpecFiles.parse(base);
            } catch (NoSuchFileException e) {
                throw new InvalidSpecException(List.of("base: cannot read " + name + " (relative to the study file): no such file"));
            } catch (IOException e) {
                throw new InvalidSpecException(List.of("base: cannot read " + name + ": " + e.getMessage()));
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException(e.problems().stream().map(p -> "base " + name + ": " + p).toList());
            }
        }, scale, sets, registries);
    }

    /**
     * Checks and expands a parsed study spec.
     *
     * @param tree as Jackson parses a study file. Not modified.
     * @throws InvalidSpecException listing every problem
     */
    public static Study expand(Object tree, StudySpec.BaseFiles baseFiles, String scale, List<String> sets,
            Registries registries) {
        StudySpec spec = StudySpec.read(tree, baseFiles);
        if (scale != null) {
            spec = spec.withScale(scale);
        }
        List<SpecOverride> cliSets = SpecOverride.parseAll(sets);
        List<String> problems = new ArrayList<>();
        Map<String, Object> base = StudyJson.deepCopy(spec.base());
        if (scale != null) {
            spec.scales().get(scale).set().forEach((path, value) -> set(base, path, value, "scales." + scale + ".set: ", problems));
        }
        cliSets.forEach(o -> o.apply(base, problems));
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        List<Long> seeds = spec.seeds() != null ? spec.seeds() : List.of(baseSeed(base));

        List<PlannedRun> runs = new ArrayList<>();
        Map<String, List<PlannedRun>> runProblems = new LinkedHashMap<>();
        List<Map<String, Object>> trees = new ArrayList<>();
        List<StudySpec.Variant> variants = spec.variants().isEmpty()
                ? java.util.Collections.singletonList(null) : spec.variants();
        for (StudySpec.Variant v : variants) {
            List<List<Map<String, Object>>> dimensions = new ArrayList<>();
            if (v != null) {
                dimensions(dimensions, v.grid(), v.zip());
            }
            dimensions(dimensions, spec.grid(), spec.zip());
            for (Map<String, Object> point : product(dimensions)) {
                for (long seed : seeds) {
                    String id = PlannedRun.id(runs.size());
                    PlannedRun run = new PlannedRun(id, v == null ? null : v.label(), ordered(point, spec.axes()), seed);
                    Map<String, Object> t = StudyJson.deepCopy(base);
                    List<String> own = new ArrayList<>();
                    if (v != null) {
                        v.set().forEach((path, value) -> set(t, path, value, "", own));
                    }
                    run.values().forEach((path, value) -> set(t, path, value, "", own));
                    t.put("seed", seed);
                    runs.add(run);
                    trees.add(t);
                    if (own.isEmpty()) {
                        try {
                            SpecFiles.resolve(StudyJson.deepCopy(t), List.of(), registries);
                        } catch (InvalidSpecException e) {
                            own.addAll(e.problems());
                        }
                    }
                    own.forEach(p -> runProblems.computeIfAbsent(p, k -> new ArrayList<>()).add(run));
                }
            }
        }
        if (!runProblems.isEmpty()) {
            throw new InvalidSpecException(grouped(runProblems));
        }

        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("study", spec.study());
        stored.put("description", spec.description());
        stored.put("source", spec.source());
        stored.put("base", base);
        List<Object> vs = new ArrayList<>();
        for (StudySpec.Variant v : spec.variants()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", v.label());
            m.put("set", v.set());
            m.put("grid", v.grid());
            m.put("zip", v.zip());
            vs.add(m);
        }
        stored.put("variants", vs);
        stored.put("grid", spec.grid());
        stored.put("zip", spec.zip());
        stored.put("seeds", seeds);
        stored.put("report", new LinkedHashMap<>(java.util.Collections.singletonMap("x", spec.xAxis())));
        stored = StudyJson.deepCopy(stored);
        StudyPlan plan = new StudyPlan(Version.get(), StudyPlan.checksum(stored, runs), stored, scale, spec.axes(),
                spec.xAxis(), List.copyOf(runs));
        return new Study(plan, trees);
    }

    /** The base's seed if it gives one, else the default seed, for a study without seeds. */
    private static long baseSeed(Map<String, Object> base) {
        Object s = base.get("seed");
        return s instanceof Integer || s instanceof Long ? ((Number) s).longValue() : ExperimentSpec.DEFAULT_SEED;
    }

    private static void set(Map<String, Object> tree, String path, Object value, String prefix, List<String> problems) {
        String text = path + "=" + StudyJson.cell(value);
        List<String> found = new ArrayList<>();
        new SpecOverride(text, path, StudyJson.deepCopy(value)).apply(tree, found);
        String theirs = "--set " + text + ": ";
        for (String p : found) {
            problems.add(prefix + "setting " + text + ": " + (p.startsWith(theirs) ? p.substring(theirs.length()) : p));
        }
    }

    /** A grid axis is a dimension of one path; a zip group is one dimension of several paths. */
    private static void dimensions(List<List<Map<String, Object>>> out, Map<String, List<Object>> grid,
            List<Map<String, List<Object>>> zip) {
        grid.forEach((path, values) -> {
            List<Map<String, Object>> d = new ArrayList<>();
            for (Object value : values) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(path, value);
                d.add(m);
            }
            out.add(d);
        });
        for (Map<String, List<Object>> group : zip) {
            int n = group.values().iterator().next().size();
            List<Map<String, Object>> d = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                int at = i;
                group.forEach((path, values) -> m.put(path, values.get(at)));
                d.add(m);
            }
            out.add(d);
        }
    }

    /** Every combination, the first dimension varying slowest. */
    private static List<Map<String, Object>> product(List<List<Map<String, Object>>> dimensions) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (List<Map<String, Object>> d : dimensions) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Map<String, Object> value : d) {
                    Map<String, Object> m = new LinkedHashMap<>(p);
                    m.putAll(value);
                    next.add(m);
                }
            }
            points = next;
        }
        return points;
    }

    private static Map<String, Object> ordered(Map<String, Object> point, List<String> axes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String a : axes) {
            if (point.containsKey(a)) {
                m.put(a, StudyJson.deepCopy(point.get(a)));
            }
        }
        return m;
    }

    /**
     * A problem many runs share is reported once, with its first run and how many more have it, so a
     * misspelt field in the base does not print once per run.
     */
    private static List<String> grouped(Map<String, List<PlannedRun>> runProblems) {
        List<String> out = new ArrayList<>();
        runProblems.forEach((what, runs) -> {
            int more = runs.size() - 1;
            out.add(runs.get(0).describe() + ": " + what
                    + (more == 0 ? "" : " (and " + more + " more " + (more == 1 ? "run" : "runs") + ")"));
        });
        return out;
    }

    /** The study folder's default name: {@code <study>-<yyyyMMdd-HHmmss>}. */
    public String defaultFolderName(java.time.LocalDateTime now) {
        return plan.spec().get("study") + "-" + now.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
