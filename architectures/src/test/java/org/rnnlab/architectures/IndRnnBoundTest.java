package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;
import org.rnnlab.training.Budget;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.UpdateMetrics;

/**
 * Li et al.'s bound |u| <= 2^(1/T) on IndRNN's recurrent weights: the cell's {@code recurrentMax}
 * option enforces it from initialization on and after every update, as the trainer's {@code clamp}
 * constraint in the {@code recurrent} role does for every layer.
 */
class IndRnnBoundTest {
    private static final int LENGTH = 20;

    private static ModelSpec spec(LayerSpec... layers) {
        ModelSpec.Builder b = ModelSpec.builder(2);
        for (LayerSpec layer : layers) {
            b.layer(layer);
        }
        return b.output(1, Loss.MSE, ReadAt.LAST).build();
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatThrownBy(() -> Model.create(spec(LayerSpec.of("indrnn", 8).withOption("recurrentMax", -1)), 1))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("model.layers[0].options.recurrentMax must be >= 0, found -1");
    }

    /** The same run as below, with the bound given to the cells instead of the trainer. */
    @Test
    void recurrentMaxHoldsFromInitializationAndAfterEveryUpdate() {
        double bound = Math.pow(2, 1.0 / LENGTH);
        LayerSpec layer = LayerSpec.of("indrnn", 16).withOption("recurrentMax", bound)
                .withInit("recurrent", PluginRef.of("uniform", Map.of("low", 0.0, "high", 1.5)));
        Model model = Model.create(spec(layer, layer), 3);
        List<Parameter> recurrent = model.parameters().stream().filter(p -> p.name().startsWith("rnn.weight_hh")).toList();
        assertThat(largest(recurrent)).as("largest |u| after initialization").isEqualTo(bound);
        List<String> violations = new ArrayList<>();
        long[] constrained = {0};
        Trainer.builder(model, Registries.standard().optimizers().create("adam", Map.of("lr", 0.01)))
                .budget(Budget.updates(30))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics metrics) {
                        constrained[0] += metrics.constrained();
                        if (largest(recurrent) > bound) {
                            violations.add("update " + metrics.update() + ": |u| up to " + largest(recurrent));
                        }
                    }
                })
                .build()
                .train(AddingProblem.source(7, LENGTH, 16));
        assertThat(violations).isEmpty();
        assertThat(constrained[0]).as("values the cells clamped").isPositive();
    }

    @Test
    void bothProblemsOfTwoLayersAreReportedAtOnce() {
        assertThatThrownBy(() -> Model.create(spec(LayerSpec.of("indrnn", 8).withOption("recurrentMax", "big"),
                LayerSpec.of("indrnn", 8).withOption("activation", "relo")), 1))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("2 problems:\n- model.layers[0].options.recurrentMax must be a number, found \"big\"\n"
                        + "- model.layers[1].options.activation: unknown activation 'relo'; did you mean 'relu'?");
    }

    /**
     * u starts in U(0, 1.5), above the bound 2^(1/20) ≈ 1.035 in about a third of its units; after
     * every update of two IndRNN layers none is above it, the constraint having fired.
     */
    @Test
    void theClampConstraintKeepsTheBoundAfterEveryUpdate() {
        double bound = Math.pow(2, 1.0 / LENGTH);
        LayerSpec layer = LayerSpec.of("indrnn", 16).withInit("recurrent", PluginRef.of("uniform", Map.of("low", 0.0, "high", 1.5)));
        Model model = Model.create(spec(layer, layer), 3);
        List<Parameter> recurrent = model.parameters().stream().filter(p -> p.name().startsWith("rnn.weight_hh")).toList();
        assertThat(recurrent).hasSize(2);
        assertThat(largest(recurrent)).as("largest |u| before training").isGreaterThan(bound);

        Registries plugins = Registries.standard();
        List<String> violations = new ArrayList<>();
        long[] constrained = {0};
        Trainer.builder(model, plugins.optimizers().create("adam", Map.of("lr", 0.01)))
                .constraints(List.of(plugins.constraints().create("clamp", Map.of("limit", bound, "role", "recurrent"))))
                .budget(Budget.updates(30))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics metrics) {
                        constrained[0] += metrics.constrained();
                        double largest = largest(recurrent);
                        if (largest > bound) {
                            violations.add("update " + metrics.update() + ": |u| up to " + largest);
                        }
                    }
                })
                .build()
                .train(AddingProblem.source(7, LENGTH, 16));
        assertThat(violations).as("updates after which some |u| exceeds %s", bound).isEmpty();
        assertThat(constrained[0]).as("values the constraint clamped").isPositive();
    }

    private static double largest(List<Parameter> parameters) {
        double m = 0;
        for (Parameter p : parameters) {
            for (double v : p.value().data) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
