package org.rnnlab.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.kernels.ElementFunctions;

/**
 * tanh and the logistic sigmoid over 4,096 values (a step of a hidden-128 layer at batch 32): rnnlab's
 * {@link ElementFunctions} (on the Vector API unless {@code -Drnnlab.elementFunctions=scalar}) against
 * the JDK's {@link Math#tanh} and a sigmoid on {@link Math#exp}, one value at a time. Inputs are
 * uniform in [-range, range]: tanh takes its series below 0.75 and its exp form above.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementFunctionsBenchmark {
    @Param({"0.5", "3"})
    public double range;

    private final double[] x = new double[4096];
    private final double[] y = new double[4096];

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-range, range);
        }
    }

    @Benchmark
    public double[] tanh() {
        ElementFunctions.tanh(x, y, 0, x.length);
        return y;
    }

    @Benchmark
    public double[] sigmoid() {
        ElementFunctions.sigmoid(x, y, 0, x.length);
        return y;
    }

    @Benchmark
    public double[] jdkTanh() {
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.tanh(x[i]);
        }
        return y;
    }

    @Benchmark
    public double[] jdkExpSigmoid() {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v >= 0) {
                y[i] = 1 / (1 + Math.exp(-v));
            } else {
                double e = Math.exp(v);
                y[i] = e / (1 + e);
            }
        }
        return y;
    }
}
