package org.rnnlab.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameter;

/**
 * What the built-in optimizers have in common: each updates every element of a parameter from
 * that element's gradient and a few state values of the same shape (moments, accumulators).
 *
 * <p>A subclass passes its name, description and parameters up, and says how many state buffers a parameter needs, optionally their starting values,
 * and how one tensor steps. {@link #newUpdater} allocates the buffers once; every update then
 * walks the parameters and hands each one's arrays to {@link #step}, so updates allocate nothing.
 * The configuration lives here and never changes; the step count and buffers live in the updater.
 */
abstract class ElementwiseOptimizer extends AbstractPlugin<Optimizer> implements Optimizer {
    private final double learningRate;
    /** PyTorch's L2 penalty: every rule reads g + weightDecay p in place of the gradient g. */
    final double weightDecay;

    /** The {@code lr} parameter every optimizer has, with its own default. */
    static ParamSpec learningRateSpec(double defaultValue) {
        return ParamSpec.ofDouble("lr", defaultValue, Range.greaterThan(0), "base learning rate; a schedule scales it");
    }

    /** The {@code weightDecay} parameter every optimizer has, default 0. */
    static ParamSpec weightDecaySpec() {
        return ParamSpec.ofDouble("weightDecay", 0.0, Range.atLeast(0),
                "L2 penalty: weightDecay * value is added to each gradient, as in PyTorch");
    }

    ElementwiseOptimizer(String name, String description, List<ParamSpec> parameters, Params params) {
        super(name, description, parameters, params);
        this.learningRate = params.getDouble("lr");
        this.weightDecay = params.getDouble("weightDecay");
    }

    /** How many state arrays, each as long as the parameter, one parameter needs. */
    abstract int buffers();

    /** Sets a new parameter's state before the first update; the arrays start at zero. */
    void initialize(double[][] state) {
    }

    /**
     * One update of one tensor.
     *
     * @param rate the learning rate of this update
     * @param step this update's number, counted from 1, for bias corrections and decays
     * @param value the parameter's elements. Modified.
     * @param gradient the gradient's elements. Not modified.
     * @param state the parameter's {@link #buffers()} state arrays. Modified.
     * @param n how many elements to update, from index 0
     */
    abstract void step(double rate, long step, double[] value, double[] gradient, double[][] state, int n);





    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final Updater newUpdater(List<Parameter> parameters) {
        return new BufferedUpdater(this, parameters);
    }

    /** The updater of every {@link ElementwiseOptimizer}. Not thread-safe: one per training run. */
    private static final class BufferedUpdater implements Updater {
        private final ElementwiseOptimizer rule;
        private final Parameter[] parameters;
        private final double[][][] state;
        private long step;

        BufferedUpdater(ElementwiseOptimizer rule, List<Parameter> parameters) {
            this.rule = rule;
            this.parameters = parameters.toArray(new Parameter[0]);
            // A tensor listed twice would be stepped twice per update with two sets of moments.
            Map<Parameter, Boolean> seen = new IdentityHashMap<>();
            for (Parameter p : this.parameters) {
                if (seen.put(p, Boolean.TRUE) != null) {
                    throw new IllegalArgumentException("Parameter " + p + " is listed twice; an updater takes each once");
                }
            }
            this.state = new double[this.parameters.length][rule.buffers()][];
            for (int i = 0; i < this.parameters.length; i++) {
                for (int b = 0; b < state[i].length; b++) {
                    state[i][b] = new double[this.parameters[i].size()];
                }
                rule.initialize(state[i]);
            }
        }

        @Override
        public void update(double learningRate) {
            if (!(learningRate >= 0 && learningRate < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("learningRate must be >= 0 and finite, found " + Params.show(learningRate));
            }
            step++;
            for (int i = 0; i < parameters.length; i++) {
                Parameter p = parameters[i];
                rule.step(learningRate, step, p.value().data, p.gradient().data, state[i], p.size());
            }
        }
    }
}
