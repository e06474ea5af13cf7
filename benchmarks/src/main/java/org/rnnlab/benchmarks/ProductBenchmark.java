package org.rnnlab.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.mult.MatrixMatrixMult_DDRM;
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
import org.rnnlab.kernels.Kernels;

/**
 * The products of the time loop through {@link Kernels}, against EJML's, at the shapes of the
 * benchmark configurations: "mxkxn" is [m x k] times [k x n]. GFLOP/s = 2 m k n / (time per call).
 *
 * <ul>
 *   <li>{@code multTransB}: a [m x k] times bᵀ, b [n x k]: the forward's h W_hhᵀ;
 *   <li>{@code mult}: a [m x k] times b [k x n]: backward's dz W;
 *   <li>{@code multTransA}: aᵀ, a [k x m], times b [k x n]: the weight gradients dzᵀ h.
 * </ul>
 *
 * <p>Run with {@code -jvmArgsAppend -Drnnlab.products=scalar} for the plain-Java loops.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ProductBenchmark {
    /** m x k x n: lstm-128 forward (32x128 times 128x512), lstm-512 forward, the projection of 100 steps, and gru-128's. */
    @Param({"32x128x512", "32x512x2048", "3200x2x512", "512x32x128", "32x32x128", "32x128x384"})
    public String shape;

    private DMatrixRMaj a;
    private DMatrixRMaj b;
    private DMatrixRMaj bt;
    private DMatrixRMaj at;
    private DMatrixRMaj c;

    @Setup
    public void setUp() {
        String[] parts = shape.split("x");
        int m = Integer.parseInt(parts[0]);
        int k = Integer.parseInt(parts[1]);
        int n = Integer.parseInt(parts[2]);
        SplittableRandom random = new SplittableRandom(1);
        a = randomMatrix(m, k, random);
        b = randomMatrix(k, n, random);
        bt = randomMatrix(n, k, random);
        at = randomMatrix(k, m, random);
        c = new DMatrixRMaj(m, n);
    }

    private static DMatrixRMaj randomMatrix(int rows, int cols, SplittableRandom random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-1, 1);
        }
        return m;
    }

    @Benchmark
    public DMatrixRMaj multTransB() {
        Kernels.multTransB(a, bt, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj mult() {
        Kernels.mult(a, b, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj multTransA() {
        Kernels.multTransA(at, b, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj ejmlMultTransB() {
        MatrixMatrixMult_DDRM.multTransB(a, bt, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj ejmlMult() {
        MatrixMatrixMult_DDRM.mult_reorder(a, b, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj ejmlMultTransA() {
        MatrixMatrixMult_DDRM.multTransA_reorder(at, b, c);
        return c;
    }
}
