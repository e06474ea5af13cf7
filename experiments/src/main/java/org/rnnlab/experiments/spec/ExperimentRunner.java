package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rnnlab.model.Model;
import org.rnnlab.spi.Task;
import org.rnnlab.training.Evaluator;
import org.rnnlab.training.Split;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.TrainingResult;

/**
 * Runs an {@link Experiment}: creates the model from the spec's seed, trains it on the task's
 * training batches with the optimizer, schedule, transforms, constraints and budget, evaluates it on
 * the task's held-out batches with the task's metric, and stops when the held-out error rate is at or
 * below the task's solved rate (if the spec asks to).
 *
 * <pre>{@code
 * Experiment experiment = SpecFiles.load(Path.of("examples/irnn-adding.json"), List.of(), Registries.standard());
 * ExperimentResult result = new ExperimentRunner(experiment).listener(myListener).run();
 * }</pre>
 */
public final class ExperimentRunner {
    private final Experiment experiment;
    private final List<TrainingListener> listeners = new ArrayList<>();

    public ExperimentRunner(Experiment experiment) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
    }

    /** Adds a listener; it hears every update, evaluation and the end. */
    public ExperimentRunner listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Trains a new model; each call starts afresh from the seed and gives the same result. */
    public ExperimentResult run() {
        ExperimentSpec spec = experiment.spec();
        Task task = experiment.task();
        Model model = experiment.newModel();
        Trainer.Builder trainer = Trainer.builder(model, experiment.optimizer())
                .transforms(experiment.transforms())
                .constraints(experiment.constraints())
                .regularizers(experiment.regularizers())
                .schedule(experiment.schedule())
                .budget(spec.budget().toBudget());
        if (spec.truncation() != null) {
            trainer.truncated(spec.truncation().stepsBetweenUpdates(), spec.truncation().stepsBack());
        }
        EvaluationSpec evaluation = spec.evaluation();
        Evaluator evaluator = new Evaluator(task.data(spec.seed(), Split.TEST, evaluation.batchSize()),
                evaluation.batches(), task.metric());
        double solvedRate = task.solvedErrorRate();
        boolean stop = evaluation.stopWhenSolved();
        trainer.evaluate(evaluation.every(), evaluator,
                e -> stop && e.tally().total() > 0 && e.errorRate() <= solvedRate);
        listeners.forEach(trainer::listener);
        TrainingResult result = trainer.build().train(task.data(spec.seed(), Split.TRAIN, spec.batchSize()));
        return new ExperimentResult(experiment, model, result);
    }
}
