package org.rnnlab.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
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
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.params.Params;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;

/**
 * Whether vanishing gradients cost time: the backward pass of an Elman layer over T = 1000 steps with
 * the logistic sigmoid, whose gradients underflow through subnormal numbers to zero within a few
 * hundred steps, against the same with tanh, whose gradients stay normal. Setup runs the forward
 * pass once; each call is one backward pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SubnormalBenchmark {
    private static final int STEPS = 1000;
    private static final int BATCH = 32;

    @Param({"tanh", "sigmoid"})
    public String activation;

    @Param({"128"})
    public int hidden;

    private RecurrentLayer layer;
    private DMatrixRMaj[] outputGradients;

    @Setup
    public void setUp() {
        Registries registries = Registries.standard();
        CellType rnn = registries.cells().get("rnn");
        rnn = rnn.configure(Params.resolve(rnn.parameters(), Map.of("activation", activation), "rnn", registries));
        Cell cell = rnn.create(2, hidden);
        SplittableRandom random = new SplittableRandom(1);
        double scale = 1 / Math.sqrt(hidden);
        for (Parameter p : cell.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = random.nextDouble(-scale, scale);
            }
        }
        DMatrixRMaj[] inputs = new DMatrixRMaj[STEPS];
        for (int t = 0; t < STEPS; t++) {
            inputs[t] = new DMatrixRMaj(BATCH, 2);
            for (int i = 0; i < inputs[t].data.length; i++) {
                inputs[t].data[i] = random.nextDouble();
            }
        }
        outputGradients = new DMatrixRMaj[STEPS];
        outputGradients[STEPS - 1] = new DMatrixRMaj(BATCH, hidden);
        Arrays.fill(outputGradients[STEPS - 1].data, 1.0);
        layer = new RecurrentLayer(cell);
        layer.forward(inputs, null, null);
    }

    @Benchmark
    public RecurrentLayer backward() {
        layer.backward(outputGradients, null);
        return layer;
    }
}
