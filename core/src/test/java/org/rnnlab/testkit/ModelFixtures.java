package org.rnnlab.testkit;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;

/**
 * Small seeded models and batches for whole-model tests: {@link ModelGradientContractTest} and the
 * tests of {@code Bptt} itself. Batches are {@link #STEPS} steps of {@link #BATCH} sequences with
 * {@link #INPUT} input features.
 */
public final class ModelFixtures {
    public static final int STEPS = 5;
    public static final int BATCH = 3;
    public static final int INPUT = 2;

    private ModelFixtures() {
    }

    /**
     * A model on {@link #INPUT} features whose layer k is {@code layer.apply(k, 3 + k)}, with an
     * output layer of {@code outputs} units, its parameters set by {@code initialize} from stream
     * "params" of seed 1.
     */
    public static Model model(Registries registries, BiFunction<Integer, Integer, LayerSpec> layer,
            BiConsumer<Model, RandomGenerator> initialize, int layers, int outputs, Loss loss, ReadAt readAt) {
        ModelSpec.Builder b = ModelSpec.builder(INPUT);
        for (int k = 0; k < layers; k++) {
            b.layer(layer.apply(k, 3 + k));
        }
        Model model = Model.uninitialized(b.output(outputs, loss, readAt).build(), registries);
        initialize.accept(model, new RandomStreams(1).stream("params"));
        return model;
    }

    /** Draws every parameter uniform in [-0.5, 0.5). */
    public static void uniform(Model model, RandomGenerator random) {
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = random.nextDouble() - 0.5;
            }
        }
    }

    /** {@link #STEPS} input matrices [{@link #BATCH} x {@link #INPUT}], uniform in [-1, 1), from stream "inputs" of {@code seed}. */
    public static DMatrixRMaj[] inputs(long seed) {
        return inputs(seed, STEPS, BATCH, INPUT);
    }

    /** {@code steps} input matrices [batch x features], uniform in [-1, 1), from stream "inputs" of {@code seed}. */
    public static DMatrixRMaj[] inputs(long seed, int steps, int batch, int features) {
        RandomGenerator random = new RandomStreams(seed).stream("inputs");
        DMatrixRMaj[] xs = new DMatrixRMaj[steps];
        for (int t = 0; t < steps; t++) {
            xs[t] = new DMatrixRMaj(batch, features);
            for (int i = 0; i < xs[t].data.length; i++) {
                xs[t].data[i] = 2 * random.nextDouble() - 1;
            }
        }
        return xs;
    }

    /** {@code count} target matrices [{@link #BATCH} x outputs], standard normal, from stream "targets" of seed 3. */
    public static DMatrixRMaj[] values(int count, int outputs) {
        RandomGenerator random = new RandomStreams(3).stream("targets");
        DMatrixRMaj[] ys = new DMatrixRMaj[count];
        for (int t = 0; t < count; t++) {
            ys[t] = new DMatrixRMaj(BATCH, outputs);
            for (int i = 0; i < ys[t].data.length; i++) {
                ys[t].data[i] = random.nextGaussian();
            }
        }
        return ys;
    }
}
