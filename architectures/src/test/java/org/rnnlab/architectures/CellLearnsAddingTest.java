package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.Registries;
import org.rnnlab.training.Budget;
import org.rnnlab.training.Evaluator;
import org.rnnlab.training.Status;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingResult;

/**
 * A cell, end to end: a one-layer model of it learns the adding problem at a short length, to a
 * held-out MSE below a tenth of the baseline, within an update budget, in seconds. Each cell's test
 * subclasses this with its layer and learning rate.
 */
abstract class CellLearnsAddingTest {

    /** The layer under test. */
    abstract LayerSpec layer();

    /** Adam's learning rate. */
    double learningRate() {
        return 0.003;
    }

    int length() {
        return 20;
    }

    long budget() {
        return 3000;
    }

    long seed() {
        return 1;
    }

    @Test
    void learnsTheAddingProblem() {
        ModelSpec spec = ModelSpec.builder(2).layer(layer()).output(1, Loss.MSE, ReadAt.LAST).build();
        Model model = Model.create(spec, seed());
        Registries plugins = Registries.standard();
        double target = AddingProblem.BASELINE_MSE / 10;
        TrainingResult result = Trainer.builder(model, plugins.optimizers().create("adam", Map.of("lr", learningRate())))
                .transforms(List.of(plugins.gradientTransforms().create("clip_global_norm", Map.of("threshold", 1.0))))
                .budget(Budget.updates(budget()))
                .evaluate(25, new Evaluator(AddingProblem.source(1_000_003, length(), 100), 2, null),
                        e -> e.loss() < target)
                .build()
                .train(AddingProblem.source(seed() + 10, length(), 32));
        assertThat(result.status()).as("%s solves adding at T=%d: %s", layer(), length(), result).isEqualTo(Status.SOLVED);
        assertThat(result.lastEvaluation().loss()).isLessThan(target);
    }
}
