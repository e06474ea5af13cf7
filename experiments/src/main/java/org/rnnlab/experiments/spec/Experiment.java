package org.rnnlab.experiments.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rnnlab.experiments.io.NpyTask;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.optim.LearningRateSchedule;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.Params;
import org.rnnlab.params.PluginRef;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.PluginRegistry;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Constraint;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Plugin;
import org.rnnlab.spi.Task;

/**
 * A spec resolved against plugin registries: the configured task, the model's full spec (its input
 * and output sizes, loss and read-out come from the task), the optimizer, schedule, transforms and
 * constraints. Immutable; {@link #newModel()} creates the model a run trains.
 *
 * <p>Seeds: the model is initialized from the streams {@code init/...} of the spec's seed
 * ({@link Model#create(ModelSpec, Registries, RandomStreams)}); the task draws its data from the
 * same seed, from streams it names under {@code data/...}. Streams are seeded by a hash of
 * (seed, name), so the two never share numbers, and changing the model leaves the data unchanged.
 */
public final class Experiment {
    private final ExperimentSpec spec;
    private final Registries registries;
    private final Task task;
    private final ModelSpec modelSpec;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final Params scheduleParams;
    private final List<GradientTransform> transforms;
    private final List<Constraint> constraints;
    private final List<Regularizer> regularizers;

    private Experiment(ExperimentSpec spec, Registries registries, Task task, ModelSpec modelSpec, Optimizer optimizer,
            LearningRateSchedule schedule, Params scheduleParams, List<GradientTransform> transforms,
            List<Constraint> constraints, List<Regularizer> regularizers) {
        this.spec = spec;
        this.registries = registries;
        this.task = task;
        this.modelSpec = modelSpec;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.scheduleParams = scheduleParams;
        this.transforms = List.copyOf(transforms);
        this.constraints = List.copyOf(constraints);
        this.regularizers = List.copyOf(regularizers);
    }

    /**
     * Resolves every plugin of {@code spec} and checks the model against the task.
     *
     * @throws InvalidSpecException listing every problem: unknown plugins (with the known ones),
     *     bad parameters, layer sizes, initializers
     */
    public static Experiment resolve(ExperimentSpec spec, Registries registries) {
        List<String> problems = new ArrayList<>();
        Optional<Experiment> e = resolve(spec, registries, false, false, problems);
        if (e.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return e.get();
    }

    /**
     * As {@link #resolve(ExperimentSpec, Registries)}, adding problems to a list.
     *
     * @param skipTask the task's section already had a problem: it is not resolved again
     * @param skipModel a layer already had a problem: the model is not checked
     * @param problems Modified: problems are appended
     */
    static Optional<Experiment> resolve(ExperimentSpec spec, Registries registries, boolean skipTask, boolean skipModel,
            List<String> problems) {
        int before = problems.size();
        Task task = skipTask ? null : task(spec.task(), registries, problems);
        ModelSpec modelSpec = skipModel ? null : model(spec, task, registries, problems);
        Optimizer optimizer = create(registries.optimizers(), spec.optimizer(), "optimizer", problems);
        Params scheduleParams = null;
        LearningRateSchedule schedule = null;
        ScheduleType type = ScheduleType.fromSpecName(spec.schedule().name());
        if (type == null) {
            String hint = org.rnnlab.params.Suggestions.closest(spec.schedule().name(), ScheduleType.names())
                    .map(s -> "; did you mean '" + s + "'? Known").orElse("; known");
            problems.add("schedule: unknown schedule '" + spec.schedule().name() + "'" + hint + " schedules: "
                    + String.join(", ", ScheduleType.names()));
        } else {
            int mark = problems.size();
            scheduleParams = Params.resolve(type.parameters(), spec.schedule().values(), "schedule", registries, problems);
            if (problems.size() == mark) {
                schedule = type.create(scheduleParams);
            }
        }
        List<GradientTransform> transforms = new ArrayList<>();
        for (int i = 0; i < spec.transforms().size(); i++) {
            transforms.add(create(registries.gradientTransforms(), spec.transforms().get(i), "transforms[" + i + "]", problems));
        }
        List<Constraint> constraints = new ArrayList<>();
        for (int i = 0; i < spec.constraints().size(); i++) {
            constraints.add(create(registries.constraints(), spec.constraints().get(i), "constraints[" + i + "]", problems));
        }
        List<Regularizer> regularizers = new ArrayList<>();
        for (int i = 0; i < spec.regularizers().size(); i++) {
            Regularizer r = create(registries.regularizers(), spec.regularizers().get(i), "regularizers[" + i + "]", problems);
            regularizers.add(r);
            if (r != null && modelSpec != null) {
                r.checkModel(modelSpec, "regularizers[" + i + "]", problems);
            }
        }
        if (!regularizers.isEmpty() && spec.truncation() != null) {
            problems.add("regularizers need full BPTT, found truncation with stepsBetweenUpdates "
                    + spec.truncation().stepsBetweenUpdates() + "; drop the truncation or the regularizers");
        }
        if (problems.size() > before || skipTask || skipModel) {
            return Optional.empty();
        }
        return Optional.of(new Experiment(spec, registries, task, modelSpec, optimizer, schedule, scheduleParams,
                transforms, constraints, regularizers));
    }

    private static <T extends Plugin<T>> T create(PluginRegistry<T> registry, PluginRef ref, String path,
            List<String> problems) {
        try {
            return registry.create(ref.name(), ref.values(), path, problems).orElse(null);
        } catch (InvalidSpecException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static Task task(PluginRef ref, Registries registries, List<String> problems) {
        return create(registries.tasks(), ref, "task", problems);
    }

    /**
     * The model's spec from the layers and the task. When the task could not be resolved, the
     * layers are still checked (cells, options, initializers) with stand-in sizes, so their problems
     * are reported together with the task's.
     */
    private static ModelSpec model(ExperimentSpec spec, Task task, Registries registries, List<String> problems) {
        int input = task == null ? 1 : task.inputSize();
        int output = task == null ? 2 : task.outputSize();
        Loss loss = task == null ? Loss.MSE : task.loss();
        ReadAt readAt = task == null ? ReadAt.LAST : task.readAt();
        List<LayerSpec> layers = spec.model().layers();
        ModelSpec modelSpec;
        try {
            modelSpec = new ModelSpec(input, layers, output, loss, readAt);
        } catch (InvalidSpecException e) {
            problems.addAll(e.problems());
            if (layers.isEmpty() || input < 1 || output < 1) {
                return null;
            }
            // The sizes were reported; check cells and initializers of layers made valid in size.
            List<LayerSpec> sized = layers.stream()
                    .map(l -> l.hiddenSize() >= 1 ? l : new LayerSpec(l.cell(), 1, l.options(), l.init()))
                    .toList();
            checkModel(new ModelSpec(input, sized, Math.max(output, 2), loss, readAt), registries, problems);
            return null;
        }
        checkModel(modelSpec, registries, problems);
        return task == null ? null : modelSpec;
    }

    private static void checkModel(ModelSpec modelSpec, Registries registries, List<String> problems) {
        try {
            Model.create(modelSpec, registries, new RandomStreams(0).child("init"));
        } catch (InvalidSpecException e) {
            // A role's initializer serves several parameters (bias: bias_ih and bias_hh), and a bad one is
            // reported once for each; once is enough.
            e.problems().stream().distinct().filter(p -> !problems.contains(p)).forEach(problems::add);
        }
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public Registries registries() {
        return registries;
    }

    public Task task() {
        return task;
    }

    /** The whole model's spec: the spec's layers with the task's sizes, loss and read-out. */
    public ModelSpec modelSpec() {
        return modelSpec;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    public List<GradientTransform> transforms() {
        return transforms;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    /** The configured regularizers, in spec order. */
    public List<Regularizer> regularizers() {
        return regularizers;
    }

    /** A new model initialized from the streams {@code init/...} of the spec's seed. */
    public Model newModel() {
        return Model.create(modelSpec, registries, new RandomStreams(spec.seed()).child("init"));
    }

    /**
     * The spec with every default filled in and every plugin's resolved parameters, as plain maps,
     * lists and values: what {@code spec.json} holds, and a spec file in its own right.
     */
    public Map<String, Object> resolvedTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", spec.seed());
        Map<String, Object> taskTree = pluginTree(task);
        if (task instanceof NpyTask npy) {
            taskTree.put(NpyTask.PATH_KEY, npy.directory().toString());
        }
        m.put("task", taskTree);
        List<Object> layers = new ArrayList<>();
        for (LayerSpec layer : spec.model().layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("cell", layer.cell());
            l.put("hiddenSize", layer.hiddenSize());
            Map<String, Object> options = pluginTree(registries.cells().create(layer.cell(), layer.options()));
            options.remove("name");
            l.put("options", options);
            Map<String, Object> init = new LinkedHashMap<>();
            new java.util.TreeMap<>(layer.init()).forEach((key, ref) -> init.put(key, pluginTree(registries.initializers().create(ref))));
            l.put("init", init);
            layers.add(l);
        }
        m.put("model", new LinkedHashMap<>(Map.of("layers", layers)));
        m.put("optimizer", pluginTree(optimizer));
        Map<String, Object> scheduleTree = new LinkedHashMap<>();
        scheduleTree.put("name", spec.schedule().name());
        scheduleParams.asMap().forEach(scheduleTree::put);
        m.put("schedule", scheduleTree);
        m.put("transforms", transforms.stream().map(t -> (Object) pluginTree(t)).toList());
        m.put("constraints", constraints.stream().map(c -> (Object) pluginTree(c)).toList());
        m.put("regularizers", regularizers.stream().map(r -> (Object) pluginTree(r)).toList());
        m.put("batchSize", spec.batchSize());
        m.put("truncation", spec.truncation() == null ? null : SpecTree.truncation(spec.truncation()));
        m.put("budget", SpecTree.budget(spec.budget()));
        m.put("evaluation", SpecTree.evaluation(spec.evaluation()));
        m.put("record", SpecTree.record(spec.record()));
        return m;
    }

    /** A configured plugin as {@code {"name": ..., parameter: value, ...}}, plugin values nested alike. */
    static Map<String, Object> pluginTree(Plugin<?> plugin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", plugin.name());
        plugin.params().asMap().forEach((k, v) -> m.put(k, v instanceof Plugin<?> p ? nested(p) : v));
        return m;
    }

    private static Object nested(Plugin<?> p) {
        Map<String, Object> m = pluginTree(p);
        return m.size() == 1 ? p.name() : m;
    }

    @Override
    public String toString() {
        return "Experiment[" + Objects.toString(spec.task().name()) + ", " + modelSpec + "]";
    }
}
