package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;

/**
 * One training run, as a spec file writes it: a task, a model, an optimizer and its schedule,
 * gradient transforms and constraints, the batch size, the budget, evaluation and recording, and the
 * one seed every random draw comes from. Everything but the task and the model has a default.
 * {@code docs/spec.md} documents every field.
 *
 * <pre>{@code
 * ExperimentSpec spec = ExperimentSpec.builder(PluginRef.of("adding", Map.of("length", 50)),
 *                 ModelSection.of(LayerSpec.of("rnn", 100).withOption("activation", "relu")))
 *         .optimizer(PluginRef.of("sgd", Map.of("lr", 0.01)))
 *         .build();
 * ExperimentResult result = new ExperimentRunner(Experiment.resolve(spec, Registries.standard())).run();
 * }</pre>
 *
 * <p>The records check what they can alone (numbers in range); plugin names and parameters, layer
 * sizes and initializers are checked against the registries by {@link Experiment#resolve}. A spec
 * read from a file ({@link SpecFiles}) has every problem of both kinds reported at once.
 *
 * @param seed the run's one seed: the model's initial values come from its streams {@code init/...},
 *     the task's data from its streams {@code data/...} (see {@link org.rnnlab.random.RandomStreams})
 * @param task the task plugin and its parameters
 * @param model the recurrent layers
 * @param optimizer the optimizer plugin and its parameters
 * @param schedule the learning-rate schedule ({@link ScheduleType}) and its parameters
 * @param transforms gradient transforms, applied in order
 * @param constraints constraints, applied in order after each update
 * @param regularizers loss terms whose gradients are added after the backward pass, before the transforms
 * @param batchSize training sequences per update, > 0
 * @param truncation truncated BPTT, or null for whole sequences
 * @param budget when to stop if not solved first
 * @param evaluation held-out evaluation and the stop criterion
 * @param record how often metrics.csv gets a row
 */
public record ExperimentSpec(long seed, PluginRef task, ModelSection model, PluginRef optimizer, PluginRef schedule,
        List<PluginRef> transforms, List<PluginRef> constraints, List<PluginRef> regularizers, int batchSize,
        TruncationSpec truncation,
        BudgetSpec budget, EvaluationSpec evaluation, RecordSpec record) {

    public static final long DEFAULT_SEED = 1;
    public static final PluginRef DEFAULT_OPTIMIZER = PluginRef.of("sgd");
    public static final PluginRef DEFAULT_SCHEDULE = PluginRef.of("constant");
    public static final int DEFAULT_BATCH_SIZE = 20;

    public ExperimentSpec {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        transforms = List.copyOf(transforms);
        constraints = List.copyOf(constraints);
        regularizers = List.copyOf(regularizers);
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(record, "record");
        if (batchSize < 1) {
            throw new InvalidSpecException(List.of("batchSize must be > 0, found " + batchSize));
        }
    }

    /** A builder with every default set; only the task and the model must be given. */
    public static Builder builder(PluginRef task, ModelSection model) {
        return new Builder(task, model);
    }

    /** Builds an {@link ExperimentSpec}; {@link #build()} validates. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private PluginRef task;
        private ModelSection model;
        private PluginRef optimizer = DEFAULT_OPTIMIZER;
        private PluginRef schedule = DEFAULT_SCHEDULE;
        private final List<PluginRef> transforms = new ArrayList<>();
        private final List<PluginRef> constraints = new ArrayList<>();
        private final List<PluginRef> regularizers = new ArrayList<>();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private TruncationSpec truncation;
        private BudgetSpec budget = BudgetSpec.DEFAULT;
        private EvaluationSpec evaluation = EvaluationSpec.DEFAULT;
        private RecordSpec record = RecordSpec.DEFAULT;

        private Builder(PluginRef task, ModelSection model) {
            this.task = task;
            this.model = model;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder task(PluginRef value) {
            this.task = value;
            return this;
        }

        public Builder model(ModelSection value) {
            this.model = value;
            return this;
        }

        /** Replaces the model by these layers. */
        public Builder layers(LayerSpec... layers) {
            this.model = ModelSection.of(layers);
            return this;
        }

        public Builder optimizer(PluginRef value) {
            this.optimizer = value;
            return this;
        }

        public Builder schedule(PluginRef value) {
            this.schedule = value;
            return this;
        }

        /** Appends a gradient transform. */
        public Builder transform(String name, Map<String, Object> values) {
            transforms.add(PluginRef.of(name, values));
            return this;
        }

        /** Appends a constraint. */
        public Builder constraint(String name, Map<String, Object> values) {
            constraints.add(PluginRef.of(name, values));
            return this;
        }

        /** Appends a regularizer. */
        public Builder regularizer(String name, Map<String, Object> values) {
            regularizers.add(PluginRef.of(name, values));
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder truncation(TruncationSpec value) {
            this.truncation = value;
            return this;
        }

        public Builder budget(BudgetSpec value) {
            this.budget = value;
            return this;
        }

        public Builder evaluation(EvaluationSpec value) {
            this.evaluation = value;
            return this;
        }

        public Builder record(RecordSpec value) {
            this.record = value;
            return this;
        }

        public ExperimentSpec build() {
            return new ExperimentSpec(seed, task, model, optimizer, schedule, transforms, constraints, regularizers,
                    batchSize, truncation, budget, evaluation, record);
        }
    }
}
