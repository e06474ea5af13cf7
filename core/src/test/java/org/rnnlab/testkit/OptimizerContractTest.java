package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * The contract every {@link Optimizer} plugin passes. An optimizer's test subclasses this and
 * supplies the configured plugin; the checks run on the tensors of {@link ParameterFixtures#layer}:
 *
 * <ul>
 *   <li>updates leave the gradients as they were;
 *   <li>a zero gradient leaves the values as they were, if {@link #zeroGradientIsStationary()};
 *   <li>updates at the optimizer's own learning rate go downhill on the convex quadratic
 *       0.5 ||p - target||^2 over {@link #descentSteps()} steps;
 *   <li>two updaters of one optimizer share no state, and the same gradients give bit-identical values;
 *   <li>{@code update} allocates nothing after warm-up, if {@link #checksAllocation()};
 *   <li>the base learning rate is positive and finite; name, description and parameters are well
 *       formed and survive a round trip; the plugin is discovered by {@link java.util.ServiceLoader}.
 * </ul>
 *
 * <p>A check that cannot apply to an optimizer is skipped by overriding it with a comment saying why.
 */
public abstract class OptimizerContractTest {

    /** The optimizer under test, configured as this test wants it. */
    protected abstract Optimizer createOptimizer();

    /**
     * Whether updates with a zero gradient leave every value bit for bit as it was. True unless
     * overridden: an optimizer configured with weight decay, or one that adds noise, moves anyway.
     */
    protected boolean zeroGradientIsStationary() {
        return true;
    }

    /** How many updates the descent check takes. */
    protected int descentSteps() {
        return 50;
    }

    /** Whether to measure what {@code update} allocates (needs HotSpot's per-thread allocation counter). */
    protected boolean checksAllocation() {
        return true;
    }

    /**
     * For known-answer tests: the values of one vector parameter after each of
     * {@code gradients.length} updates at the optimizer's own learning rate, starting from
     * {@code start}, the k-th update with gradient {@code gradients[k]}.
     */
    protected static double[][] trajectory(Optimizer optimizer, double[] start, double[]... gradients) {
        Parameter w = ParameterFixtures.vector("w", ParameterRole.OTHER, start, new double[start.length]);
        Optimizer.Updater updater = optimizer.newUpdater(List.of(w));
        double[][] values = new double[gradients.length][];
        for (int k = 0; k < gradients.length; k++) {
            System.arraycopy(gradients[k], 0, w.gradient().data, 0, start.length);
            updater.update(optimizer.learningRate());
            values[k] = w.value().data.clone();
        }
        return values;
    }

    @Test
    public void gradientsAreNotModified() {
        Optimizer optimizer = createOptimizer();
        List<Parameter> parameters = ParameterFixtures.layer(21, 1);
        double[][] gradients = ParameterFixtures.gradients(parameters);
        Optimizer.Updater updater = optimizer.newUpdater(parameters);
        for (int step = 0; step < 3; step++) {
            updater.update(optimizer.learningRate());
        }
        ParameterFixtures.assertBitIdentical("gradients after 3 updates", parameters,
                ParameterFixtures.gradients(parameters), gradients);
    }

    @Test
    public void zeroGradientLeavesValues() {
        if (!zeroGradientIsStationary()) {
            return;
        }
        Optimizer optimizer = createOptimizer();
        List<Parameter> parameters = ParameterFixtures.layer(22, 1);
        ParameterFixtures.setGradients(parameters, 0);
        double[][] values = ParameterFixtures.values(parameters);
        Optimizer.Updater updater = optimizer.newUpdater(parameters);
        for (int step = 0; step < 3; step++) {
            updater.update(optimizer.learningRate());
        }
        ParameterFixtures.assertBitIdentical("values after 3 updates with zero gradients", parameters,
                ParameterFixtures.values(parameters), values);
    }

    @Test
    public void descendsOnAConvexQuadratic() {
        Optimizer optimizer = createOptimizer();
        List<Parameter> parameters = ParameterFixtures.layer(23, 1);
        double[][] target = ParameterFixtures.values(ParameterFixtures.layer(24, 1));
        Optimizer.Updater updater = optimizer.newUpdater(parameters);
        double start = quadratic(parameters, target);
        for (int step = 0; step < descentSteps(); step++) {
            quadratic(parameters, target);
            updater.update(optimizer.learningRate());
        }
        double end = quadratic(parameters, target);
        assertThat(end).as("0.5 ||p - target||^2 after %d updates, from %s", descentSteps(), start).isLessThan(start);
    }

    /** Sets each gradient to p - target and returns 0.5 ||p - target||^2. */
    private static double quadratic(List<Parameter> parameters, double[][] target) {
        double loss = 0;
        for (int k = 0; k < parameters.size(); k++) {
            double[] p = parameters.get(k).value().data;
            double[] g = parameters.get(k).gradient().data;
            for (int i = 0; i < target[k].length; i++) {
                g[i] = p[i] - target[k][i];
                loss += 0.5 * g[i] * g[i];
            }
        }
        return loss;
    }

    @Test
    public void updatersShareNoState() {
        Optimizer optimizer = createOptimizer();
        List<Parameter> busy = ParameterFixtures.layer(25, 1);
        List<Parameter> idle = ParameterFixtures.layer(25, 1);
        List<Parameter> fresh = ParameterFixtures.layer(25, 1);
        Optimizer.Updater busyUpdater = optimizer.newUpdater(busy);
        Optimizer.Updater idleUpdater = optimizer.newUpdater(idle);
        for (int step = 0; step < 3; step++) {
            busyUpdater.update(optimizer.learningRate());
        }
        idleUpdater.update(optimizer.learningRate());
        createOptimizer().newUpdater(fresh).update(optimizer.learningRate());
        ParameterFixtures.assertBitIdentical("values after one update while another updater made three", idle,
                ParameterFixtures.values(idle), ParameterFixtures.values(fresh));
        idleUpdater.update(optimizer.learningRate());
        idleUpdater.update(optimizer.learningRate());
        ParameterFixtures.assertBitIdentical("values after three updates each by two updaters", idle,
                ParameterFixtures.values(idle), ParameterFixtures.values(busy));
    }

    @Test
    public void deterministic() {
        List<Parameter> first = ParameterFixtures.layer(26, 1);
        List<Parameter> second = ParameterFixtures.layer(26, 1);
        runVaryingGradients(createOptimizer(), first);
        runVaryingGradients(createOptimizer(), second);
        ParameterFixtures.assertBitIdentical("values after the same 5 updates twice", first,
                ParameterFixtures.values(second), ParameterFixtures.values(first));
    }

    /** Five updates, each with gradients of its own and a learning rate falling by a tenth. */
    private static void runVaryingGradients(Optimizer optimizer, List<Parameter> parameters) {
        Optimizer.Updater updater = optimizer.newUpdater(parameters);
        for (int step = 1; step <= 5; step++) {
            List<Parameter> source = ParameterFixtures.layer(26 + step, 1);
            for (int k = 0; k < parameters.size(); k++) {
                double[] from = source.get(k).gradient().data;
                System.arraycopy(from, 0, parameters.get(k).gradient().data, 0, from.length);
            }
            updater.update(optimizer.learningRate() * (1 - 0.1 * step));
        }
    }

    @Test
    public void updateAllocatesNothing() {
        if (!checksAllocation()) {
            return;
        }
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM counts no per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Optimizer optimizer = createOptimizer();
        List<Parameter> parameters = ParameterFixtures.layer(31, 1e-3);
        Optimizer.Updater updater = optimizer.newUpdater(parameters);
        double rate = optimizer.learningRate();
        for (int warmup = 0; warmup < 20_000; warmup++) {
            updater.update(rate);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int step = 0; step < 10_000; step++) {
            updater.update(rate);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // One small object per update would already come to 160 kB.
        assertThat(allocated).as("bytes allocated by 10000 updates").isLessThan(4096);
    }

    @Test
    public void learningRateIsPositive() {
        double rate = createOptimizer().learningRate();
        assertThat(rate).as("learningRate()").isPositive().isLessThan(Double.POSITIVE_INFINITY);
    }

    @Test
    public void nameDescriptionAndParams() {
        PluginChecks.nameDescriptionAndParams(createOptimizer());
    }

    @Test
    public void discoveredByServiceLoader() {
        PluginChecks.discovered(createOptimizer(), Registries.standard().optimizers());
    }
}
