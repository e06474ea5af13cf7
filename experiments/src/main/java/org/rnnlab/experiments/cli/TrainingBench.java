package org.rnnlab.experiments.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameter;

/**
 * Times training updates on the adding problem the way {@code peers/torch_bench.py} times PyTorch:
 * one layer, a linear readout on the last step, MSE, global-norm clipping at 1.0 with PyTorch's
 * epsilon 1e-6, plain SGD. Data is generated before timing and cycled through a small pool of
 * batches. The timed update is what {@link org.rnnlab.training.Trainer} does for one full-BPTT
 * update, minus its bookkeeping (listeners, the norms it reports, the finite checks): zero the
 * gradients, forward, loss, backward, clip, SGD step, the cell's own constraints.
 *
 * <p>Lifecycle: construct (builds the model, the optimizer's state and the data), {@link #update}
 * any number of times; one instance per thread.
 */
final class TrainingBench {
    /** Input width of the adding problem: the value and the marker. */
    static final int INPUT_SIZE = 2;

    private final Model model;
    private final Bptt bptt;
    private final List<Parameter> parameters;
    private final GradientTransform clip;
    private final Optimizer.Updater updater;
    private final double lr;
    private final Batch[] pool;
    private long updates;

    /**
     * @param seed the model is drawn as {@code Model.create(spec, seed)} does; the data from the
     *     stream {@code bench/data} of the same seed
     */
    TrainingBench(Registries registries, String cell, int hidden, int batch, int seqLen, double lr, int poolSize,
            long seed) {
        this.model = Model.create(spec(cell, hidden), registries, new RandomStreams(seed).child("init"));
        this.bptt = new Bptt(model);
        // As Trainer: no gradient of the data (PyTorch computes none either: the input does not require it).
        bptt.setInputGradientsNeeded(false);
        // As Trainer when no listener or regularizer reads them: two state gradients in turn, not one per step.
        bptt.setStateGradientsKept(false);
        this.parameters = model.parameters();
        this.clip = clip(registries);
        this.lr = lr;
        this.updater = sgd(registries, lr).newUpdater(parameters);
        RandomGenerator random = new RandomStreams(seed).child("bench").stream("data");
        this.pool = new Batch[poolSize];
        for (int i = 0; i < poolSize; i++) {
            pool[i] = addingBatch(batch, seqLen, random);
        }
    }

    static ModelSpec spec(String cell, int hidden) {
        return ModelSpec.builder(INPUT_SIZE).layer(LayerSpec.of(cell, hidden)).output(1, Loss.MSE, ReadAt.LAST).build();
    }

    /** PyTorch's {@code clip_grad_norm_(params, max_norm=1.0)}. */
    static GradientTransform clip(Registries registries) {
        return registries.gradientTransforms().create("clip_global_norm", Map.of("threshold", 1.0, "epsilon", 1e-6));
    }

    static Optimizer sgd(Registries registries, double lr) {
        return registries.optimizers().create("sgd", Map.of("lr", lr));
    }

    /**
     * The peer's adding batch: channel 0 ~ U[0,1], channel 1 marks one position in [0, T/2) and
     * one in [T/2, T) with 1.0; the target is the sum of the two marked values.
     */
    static Batch addingBatch(int batch, int seqLen, RandomGenerator random) {
        DMatrixRMaj[] inputs = new DMatrixRMaj[seqLen];
        for (int t = 0; t < seqLen; t++) {
            inputs[t] = new DMatrixRMaj(batch, INPUT_SIZE);
            for (int b = 0; b < batch; b++) {
                inputs[t].set(b, 0, random.nextDouble());
            }
        }
        int half = Math.max(1, seqLen / 2);
        DMatrixRMaj target = new DMatrixRMaj(batch, 1);
        for (int b = 0; b < batch; b++) {
            int first = random.nextInt(half);
            int second = seqLen > 1 ? half + random.nextInt(seqLen - half) : first;
            inputs[first].set(b, 1, 1.0);
            inputs[second].set(b, 1, 1.0);
            target.set(b, 0, inputs[first].get(b, 0) + (second == first ? 0 : inputs[second].get(b, 0)));
        }
        return Batch.regression(inputs, null, new DMatrixRMaj[] {target});
    }

    Model model() {
        return model;
    }

    Batch batch(int i) {
        return pool[i % pool.length];
    }

    /** One timed update on pool batch {@code i % pool}; returns the loss before the step. */
    double update(int i) {
        updates++;
        model.zeroGradients();
        double loss = bptt.lossAndGradients(batch(i));
        clip.apply(parameters, updates);
        updater.update(lr);
        model.afterUpdate();
        return loss;
    }

    /**
     * Matrix-product FLOPs of one update, counted as the peer counts them: per step 2 x batch x
     * rows x cols for every weight matrix of the cell, plus the readout once, and training as
     * three times the forward pass. For rnn, lstm and gru this is the peer's formula exactly
     * ({@code seq_len * 2 * batch * gates * hidden * (input + hidden) + 2 * batch * hidden}); for
     * indrnn the elementwise recurrence is not a product and is not counted.
     */
    static double estFlopsPerUpdate(Model model, int batch, int seqLen) {
        double perStep = 0;
        for (Parameter p : model.cells().get(0).parameters()) {
            if (!p.isVector()) {
                perStep += 2.0 * batch * p.value().numRows * p.value().numCols;
            }
        }
        double forward = seqLen * perStep + 2.0 * batch * model.spec().outputSize() * model.cells().get(0).outputSize();
        return 3 * forward;
    }

    /** The timing of one configuration. */
    record Timing(int warmupUpdates, double warmupSeconds, double[] stepSeconds, double[] cpuSeconds, double firstLoss,
            double lastLoss, long peakHeapBytes, long allocatedBytesPerStep) {
        double median() {
            return medianOf(stepSeconds);
        }

        /** The median of the updates' CPU time on the benchmark thread: less sensitive to a loaded machine. */
        double cpuMedian() {
            return medianOf(cpuSeconds);
        }

        private static double medianOf(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        double min() {
            return Arrays.stream(stepSeconds).min().orElse(Double.NaN);
        }

        double mean() {
            return Arrays.stream(stepSeconds).average().orElse(Double.NaN);
        }
    }

    /**
     * Warm-up then timed updates, as the peer: the first loss is the first warm-up update's (NaN
     * without warm-up), the last loss the last timed one's. Heap: the peak usage summed over the
     * heap's memory pools between a GC before the timed updates and their end (an upper bound,
     * since pools can peak at different moments), and the bytes this thread allocated per timed update.
     *
     * <p>The warm-up runs at least {@code warmup} updates and goes on until {@code warmupSeconds}
     * have passed: the JIT compiles the loops during the first seconds, on the same two cores, and a
     * count that suits a small model ends a large one's warm-up too early (rnn 512 on 2 threads: 106
     * to 117 ms per update after 3 warm-up updates, 80 to 87 after 25; PyTorch the same either way).
     * How many ran is in the timing, so that a run can be repeated update for update with that count
     * and no seconds.
     */
    Timing run(int warmup, double warmupSeconds, int steps) {
        double firstLoss = Double.NaN;
        final long start = System.nanoTime();
        int warmupUpdates = 0;
        while (warmupUpdates < warmup || (System.nanoTime() - start) / 1e9 < warmupSeconds) {
            double loss = update(warmupUpdates);
            if (warmupUpdates == 0) {
                firstLoss = loss;
            }
            warmupUpdates++;
        }
        final double warmedSeconds = (System.nanoTime() - start) / 1e9;
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                heap.add(p);
            }
        }
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long allocatedBefore = allocatedBytes();
        double[] times = new double[steps];
        double[] cpu = new double[steps];
        java.lang.management.ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        double lastLoss = Double.NaN;
        for (int i = 0; i < steps; i++) {
            long c0 = threadBean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            lastLoss = update(warmupUpdates + i);
            times[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (threadBean.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        long allocated = allocatedBytes() - allocatedBefore;
        long peak = 0;
        for (MemoryPoolMXBean p : heap) {
            peak += p.getPeakUsage().getUsed();
        }
        return new Timing(warmupUpdates, warmedSeconds, times, cpu, firstLoss, lastLoss, peak,
                allocatedBefore < 0 ? -1 : allocated / steps);
    }

    /** Bytes allocated by this thread so far, or -1 where the JVM cannot say. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled()) {
                t.setThreadAllocatedMemoryEnabled(true);
            }
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    /** The peer's name of a cell with the same computation, or null where PyTorch has none. */
    static String peerCell(String cell) {
        return switch (cell) {
            case "rnn" -> "rnn_tanh";
            case "lstm", "gru" -> cell;
            default -> null;
        };
    }

    /** The JSON record of one configuration, with the peer's field names. */
    static Map<String, Object> record(String cell, int hidden, int batch, int seqLen, int threads, int threadsUsed,
            int steps, double flops, Timing timing, String version) {
        Map<String, Object> r = new LinkedHashMap<>();
        double median = timing.median();
        r.put("kind", "rnn_train");
        r.put("cell", cell);
        r.put("peer_cell", peerCell(cell));
        r.put("hidden", hidden);
        r.put("batch", batch);
        r.put("seq_len", seqLen);
        r.put("dtype", "float64");
        r.put("threads", threads);
        r.put("threads_used", threadsUsed);
        r.put("warmup", timing.warmupUpdates());
        r.put("steps", steps);
        r.put("median_step_s", median);
        r.put("min_step_s", timing.min());
        r.put("mean_step_s", timing.mean());
        r.put("median_cpu_step_s", timing.cpuMedian());
        r.put("timesteps_per_s", batch * (double) seqLen / median);
        r.put("est_gflop_per_step", flops / 1e9);
        r.put("est_gflops", flops / median / 1e9);
        r.put("first_loss", timing.firstLoss());
        r.put("last_loss", timing.lastLoss());
        r.put("peak_heap_bytes", timing.peakHeapBytes());
        r.put("alloc_bytes_per_step", timing.allocatedBytesPerStep());
        r.put("warmup_s", timing.warmupSeconds());
        r.put("rnnlab", version);
        r.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        r.put("blas", org.rnnlab.kernels.Kernels.productPath());
        r.put("element_functions", org.rnnlab.kernels.ElementFunctions.path());
        return r;
    }
}
