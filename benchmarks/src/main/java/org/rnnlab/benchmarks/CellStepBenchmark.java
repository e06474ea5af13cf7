package org.rnnlab.benchmarks;

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
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;

/**
 * Forward and backward through one layer of a cell, batch 32, T = 100, input size 2 (the bench's
 * configuration without readout, loss and optimizer), with the inputs projected ahead of the time
 * loop or step by step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CellStepBenchmark {
    private static final int BATCH = 32;
    private static final int STEPS = 100;
    private static final int INPUT = 2;

    @Param({"rnn", "lstm", "gru"})
    public String cell;

    @Param({"32", "128"})
    public int hidden;

    @Param({"true", "false"})
    public boolean projectInputsAhead;

    private RecurrentLayer layer;
    private DMatrixRMaj[] inputs;
    private DMatrixRMaj[] outputGradients;

    @Setup
    public void setUp() {
        Cell c = Registries.standard().cells().get(cell).create(INPUT, hidden);
        SplittableRandom random = new SplittableRandom(1);
        double scale = 1 / Math.sqrt(hidden);
        for (Parameter p : c.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = random.nextDouble(-scale, scale);
            }
        }
        layer = new RecurrentLayer(c, projectInputsAhead);
        inputs = new DMatrixRMaj[STEPS];
        outputGradients = new DMatrixRMaj[STEPS];
        for (int t = 0; t < STEPS; t++) {
            inputs[t] = new DMatrixRMaj(BATCH, INPUT);
            for (int i = 0; i < inputs[t].data.length; i++) {
                inputs[t].data[i] = random.nextDouble();
            }
        }
        // dL/d output at the last step only, as a loss on the last state gives.
        outputGradients[STEPS - 1] = new DMatrixRMaj(BATCH, c.outputSize());
        for (int i = 0; i < outputGradients[STEPS - 1].data.length; i++) {
            outputGradients[STEPS - 1].data[i] = random.nextDouble(-1, 1);
        }
    }

    @Benchmark
    public RecurrentLayer forwardAndBackward() {
        layer.forward(inputs, null, null);
        layer.backward(outputGradients, null);
        return layer;
    }
}
