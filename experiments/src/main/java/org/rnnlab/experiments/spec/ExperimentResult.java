package org.rnnlab.experiments.spec;

import org.rnnlab.model.Model;
import org.rnnlab.training.Evaluation;
import org.rnnlab.training.TrainingResult;

/**
 * What a run produced.
 *
 * @param experiment what was run
 * @param model the trained model (for a diverged run, its values after the last finite update)
 * @param training how training ended
 */
public record ExperimentResult(Experiment experiment, Model model, TrainingResult training) {

    /** The last held-out evaluation's loss as a share of the task's baseline loss, or NaN if none. */
    public double lossToBaseline() {
        Evaluation e = training.lastEvaluation();
        return e == null ? Double.NaN : e.loss() / experiment.task().baselineLoss();
    }
}
