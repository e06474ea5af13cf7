package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rnnlab.model.Batch;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Task;
import org.rnnlab.training.Split;

/** Helpers for tests of task definitions: configured tasks, many samples, and statistics on them. */
final class TaskSamples {
    private TaskSamples() {
    }

    /** The task {@code name} configured with {@code values}, through the registry as a spec would. */
    static Task task(String name, Map<String, ?> values) {
        return Registries.standard().tasks().create(name, values);
    }

    /** {@code count} training batches of {@code size} under {@code seed}. */
    static List<Batch> batches(Task task, long seed, int size, int count) {
        List<Batch> out = new ArrayList<>();
        var source = task.data(seed, Split.TRAIN, size);
        for (int i = 0; i < count; i++) {
            out.add(source.batch(i));
        }
        return out;
    }

    /** Channel {@code channel} of sequence {@code b} over its own length. */
    static double[] channel(Batch batch, int b, int channel) {
        double[] x = new double[batch.length(b)];
        for (int t = 0; t < x.length; t++) {
            x[t] = batch.inputs()[t].get(b, channel);
        }
        return x;
    }

    /** The one-hot symbol of sequence {@code b} at each of its steps; fails unless every step is one-hot. */
    static int[] symbols(Batch batch, int b) {
        int[] s = new int[batch.length(b)];
        for (int t = 0; t < s.length; t++) {
            int hot = -1;
            int ones = 0;
            for (int j = 0; j < batch.inputSize(); j++) {
                double v = batch.inputs()[t].get(b, j);
                if (v == 1) {
                    hot = j;
                    ones++;
                } else if (v != 0) {
                    ones = -1;
                    break;
                }
            }
            if (ones != 1) {
                fail("Sequence %d is not one-hot at step %d: %s", b, t, Arrays.toString(
                        Arrays.copyOfRange(batch.inputs()[t].data, b * batch.inputSize(), (b + 1) * batch.inputSize())));
            }
            s[t] = hot;
        }
        return s;
    }

    /** Asserts the mean of {@code xs} lies within {@code k} standard errors of {@code expected}. */
    static void assertMeanWithin(double[] xs, double expected, double k, String what) {
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double var = 0;
        for (double x : xs) {
            var += (x - mean) * (x - mean);
        }
        double standardError = Math.sqrt(var / (xs.length - 1) / xs.length);
        assertThat(mean).as("%s: mean of %d samples (standard error %s)", what, xs.length, standardError)
                .isCloseTo(expected, within(k * standardError));
    }

    /**
     * Asserts every class's frequency lies within 3 standard errors of 1/K (the binomial's
     * sqrt(p(1 - p)/n)), and returns the entropy of the frequencies: the cross-entropy of the best
     * constant prediction on these samples.
     */
    static double assertBalanced(int[] counts, String what) {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        double p = 1.0 / counts.length;
        double standardError = Math.sqrt(p * (1 - p) / n);
        double entropy = 0;
        for (int k = 0; k < counts.length; k++) {
            double f = (double) counts[k] / n;
            assertThat(f).as("%s: frequency of class %d in %d", what, k, n).isCloseTo(p, within(3 * standardError));
            entropy -= f == 0 ? 0 : f * Math.log(f);
        }
        return entropy;
    }
}
