package org.rnnlab.experiments.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.random.RandomStreams;

/** Writes small data sets for the npy task's tests. */
final class NpyData {
    private NpyData() {
    }

    /** Inputs [n, steps, features] uniform in [-1, 1) from {@code seed}. */
    static NpyArray inputs(int n, int steps, int features, long seed) {
        var random = new RandomStreams(seed).stream("inputs");
        double[] x = new double[n * steps * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        return NpyArray.of(new int[] {n, steps, features}, x);
    }

    /** Regression targets [n, 1]: the sum of the first feature over the steps. */
    static NpyArray sums(NpyArray inputs) {
        int n = inputs.dim(0);
        int steps = inputs.dim(1);
        int features = inputs.dim(2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                y[i] += inputs.data()[(i * steps + t) * features];
            }
        }
        return NpyArray.of(new int[] {n, 1}, y);
    }

    /** Class targets [n, steps]: 1 where the first feature is positive, else 0; -1 past each length. */
    static NpyArray signs(NpyArray inputs, int[] lengths) {
        int n = inputs.dim(0);
        int steps = inputs.dim(1);
        int features = inputs.dim(2);
        double[] c = new double[n * steps];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                c[i * steps + t] = t >= lengths[i] ? -1 : inputs.data()[(i * steps + t) * features] > 0 ? 1 : 0;
            }
        }
        return new NpyArray(NpyDtype.INT64, new int[] {n, steps}, c);
    }

    static NpyArray lengths(int[] lengths) {
        double[] d = new double[lengths.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = lengths[i];
        }
        return new NpyArray(NpyDtype.INT64, new int[] {d.length}, d);
    }

    static void write(Path file, NpyArray a) {
        try {
            Npy.write(file, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task with the data of {@code dir}, or an AssertionError listing the problems. */
    static NpyTask load(Path dir, java.util.Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        NpyTask plain = (NpyTask) new NpyTask().configure(
                org.rnnlab.params.Params.of(new NpyTask().parameters(), values));
        return plain.load(dir, "task.path", problems).orElseThrow(() -> new AssertionError(problems));
    }

    /** The problems loading {@code dir} gives. */
    static List<String> problems(Path dir, java.util.Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        NpyTask plain = (NpyTask) new NpyTask().configure(
                org.rnnlab.params.Params.of(new NpyTask().parameters(), values));
        plain.load(dir, "task.path", problems);
        return problems;
    }
}
