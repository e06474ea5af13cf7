package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.experiments.tasks.TaskSamples.assertMeanWithin;
import static org.rnnlab.experiments.tasks.TaskSamples.batches;
import static org.rnnlab.experiments.tasks.TaskSamples.channel;
import static org.rnnlab.experiments.tasks.TaskSamples.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.model.Batch;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContractTest;
import org.rnnlab.training.Split;

class AddingTaskTest extends TaskContractTest {

    @Override
    protected Task createTask() {
        return new AddingTask();
    }

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(Map.of("length", 20), Map.of("length", 21, "variant", "uniform_halves"),
                Map.of("length", 20, "variant", "hochreiter"));
    }

    @Test
    void pascanuLengthsMarkersAndTargets() {
        Set<Integer> lengths = new TreeSet<>();
        Set<Integer> firstMarkers = new TreeSet<>();
        Set<Integer> secondMarkers = new TreeSet<>();
        boolean masked = false;
        for (Batch batch : batches(task("adding", Map.of("length", 50)), 11, 50, 20)) {
            masked |= batch.lengths() != null;
            int longest = 0;
            for (int b = 0; b < batch.size(); b++) {
                int[] marked = assertPascanuSequence(batch, b, 50, (x, y) -> (x + y) / 2);
                lengths.add(batch.length(b));
                firstMarkers.add(marked[0]);
                secondMarkers.add(marked[1]);
                longest = Math.max(longest, batch.length(b));
            }
            assertThat(batch.steps()).as("steps of a batch: its longest sequence").isEqualTo(longest);
        }
        assertThat(lengths).containsExactly(50, 51, 52, 53, 54);
        assertThat(masked).as("batches of sequences of different lengths are masked").isTrue();
        assertThat(firstMarkers).containsExactly(0, 1, 2, 3, 4);
        assertThat(secondMarkers).contains(5, 24).allSatisfy(p -> assertThat(p).isBetween(5, 25));
    }

    /**
     * Checks sequence b of a batch of Pascanu's adding or multiplication problem: its length, zeros
     * past its end, values in [0, 1), exactly two markers in their ranges, the target from the marked
     * values. Returns the marked steps.
     */
    static int[] assertPascanuSequence(Batch batch, int b, int minLength, DoubleBinaryOperator target) {
        int l = batch.length(b);
        assertThat(l).isBetween(minLength, minLength + minLength / 10 - 1);
        for (int t = l; t < batch.steps(); t++) {
            assertThat(batch.inputs()[t].get(b, 0)).as("padding").isZero();
            assertThat(batch.inputs()[t].get(b, 1)).as("padding").isZero();
        }
        double[] values = channel(batch, b, 0);
        double[] markers = channel(batch, b, 1);
        int[] marked = IntStream.range(0, l).filter(t -> markers[t] != 0).toArray();
        assertThat(marked).as("marked steps").hasSize(2);
        assertThat(markers[marked[0]]).isEqualTo(1);
        assertThat(markers[marked[1]]).isEqualTo(1);
        assertThat(marked[0]).as("first marker of a sequence of %d", l).isBetween(0, l / 10 - 1);
        assertThat(marked[1]).as("second marker of a sequence of %d", l).isBetween(l / 10, l / 10 + 4 * l / 10 - 1);
        for (double v : values) {
            assertThat(v).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
        assertThat(batch.targets()[0].get(b, 0)).isEqualTo(target.applyAsDouble(values[marked[0]], values[marked[1]]));
        return marked;
    }

    @Test
    void aPascanuSampleIsTheDocumentedDrawsFromItsOwnStream() {
        Batch batch = task("adding", Map.of("length", 30)).data(42, Split.TEST, 1).batch(7);
        RandomGenerator random = new RandomStreams(42).child("data/test").stream("7");
        int l = 30 + random.nextInt(3);
        int p0 = random.nextInt(l / 10);
        int p1 = l / 10 + random.nextInt(4 * l / 10);
        double[] values = new double[l];
        for (int t = 0; t < l; t++) {
            values[t] = random.nextDouble();
        }
        assertThat(batch.steps()).isEqualTo(l);
        assertThat(channel(batch, 0, 0)).containsExactly(values);
        assertThat(channel(batch, 0, 1)).containsExactly(IntStream.range(0, l).mapToDouble(t -> t == p0 || t == p1 ? 1 : 0).toArray());
        assertThat(batch.targets()[0].get(0, 0)).isEqualTo((values[p0] + values[p1]) / 2);
    }

    @Test
    void uniformHalvesHasOneMarkerInEachHalfAndTheSumAsTarget() {
        Set<Integer> first = new TreeSet<>();
        Set<Integer> second = new TreeSet<>();
        for (Batch batch : batches(task("adding", Map.of("length", 21, "variant", "uniform_halves")), 12, 50, 20)) {
            assertThat(batch.lengths()).as("all sequences have T steps").isNull();
            assertThat(batch.steps()).isEqualTo(21);
            for (int b = 0; b < batch.size(); b++) {
                double[] values = channel(batch, b, 0);
                double[] markers = channel(batch, b, 1);
                int[] marked = IntStream.range(0, 21).filter(t -> markers[t] != 0).toArray();
                assertThat(marked).hasSize(2);
                assertThat(markers[marked[0]]).isEqualTo(1);
                assertThat(markers[marked[1]]).isEqualTo(1);
                first.add(marked[0]);
                second.add(marked[1]);
                assertThat(batch.targets()[0].get(b, 0)).isEqualTo(values[marked[0]] + values[marked[1]]);
            }
        }
        assertThat(first).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(second).containsExactlyElementsOf(IntStream.range(10, 21).boxed().toList());
    }

    @Test
    void hochreiterMarksOneOfTheFirstTenAndOneOfTheFirstHalf() {
        Set<Integer> lengths = new TreeSet<>();
        Set<Integer> marked = new TreeSet<>();
        List<Double> firstStepMarked = new ArrayList<>();
        for (Batch batch : batches(task("adding", Map.of("length", 40, "variant", "hochreiter")), 13, 100, 20)) {
            for (int b = 0; b < batch.size(); b++) {
                int l = batch.length(b);
                lengths.add(l);
                double[] values = channel(batch, b, 0);
                double[] markers = channel(batch, b, 1);
                int[] ones = IntStream.range(0, l).filter(t -> markers[t] == 1).toArray();
                assertThat(ones).as("marked steps").hasSize(2);
                assertThat(ones[0]).as("one marker among the first ten").isLessThan(10);
                assertThat(ones[1]).as("the other among the first T/2").isLessThan(20);
                for (int t = 0; t < l; t++) {
                    boolean end = t == 0 || t == l - 1;
                    double expected = markers[t] == 1 ? 1 : end ? -1 : 0;
                    assertThat(markers[t]).as("marker at step %d of %d", t, l).isEqualTo(expected);
                    assertThat(values[t]).isGreaterThanOrEqualTo(-1).isLessThan(1);
                }
                if (ones[0] == 0) {
                    assertThat(values[0]).as("a marked first step's value is zeroed").isZero();
                }
                firstStepMarked.add(ones[0] == 0 ? 1.0 : 0.0);
                marked.add(ones[0]);
                marked.add(ones[1]);
                assertThat(batch.targets()[0].get(b, 0)).isEqualTo(0.5 + (values[ones[0]] + values[ones[1]]) / 4);
            }
        }
        assertThat(lengths).containsExactly(40, 41, 42, 43, 44);
        assertThat(marked).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        assertMeanWithin(firstStepMarked.stream().mapToDouble(Double::doubleValue).toArray(), 0.1 + 0.9 / 19, 3,
                "share of sequences whose first step is marked");
    }

    @ParameterizedTest
    @CsvSource({"pascanu, 20, 0.5", "uniform_halves, 20, 1", "hochreiter, 20, 0.5", "hochreiter, 100, 0.5"})
    void baselineIsTheMeanSquaredErrorOfTheBestConstant(String variant, int length, double constant) {
        Task task = task("adding", Map.of("variant", variant, "length", length));
        double[] squaredErrors = new double[20_000];
        int i = 0;
        for (Batch batch : batches(task, 21, 500, 40)) {
            for (int b = 0; b < batch.size(); b++) {
                double e = batch.targets()[0].get(b, 0) - constant;
                squaredErrors[i++] = e * e;
            }
        }
        assertMeanWithin(squaredErrors, task.baselineLoss(), 3, variant + " baseline");
    }

    @Test
    void statedBaselines() {
        assertThat(task("adding", Map.of()).baselineLoss()).isEqualTo(1.0 / 24);
        assertThat(task("adding", Map.of("variant", "uniform_halves")).baselineLoss()).isEqualTo(1.0 / 6);
        assertThat(task("adding", Map.of("variant", "hochreiter")).baselineLoss()).isCloseTo(0.039201, within(1e-6));
        assertThat(task("adding", Map.of("variant", "hochreiter", "length", 20)).baselineLoss()).isCloseTo(0.0375, within(1e-12));
    }

    @Test
    void successCriteria() {
        assertThat(task("adding", Map.of()).metric().name()).isEqualTo("squared_error_above_0.04");
        assertThat(task("adding", Map.of("variant", "uniform_halves")).metric().name()).isEqualTo("squared_error_above_0.04");
        assertThat(task("adding", Map.of("variant", "hochreiter")).metric().name()).isEqualTo("absolute_error_above_0.04");
        assertThat(task("adding", Map.of()).solvedErrorRate()).isEqualTo(0.01);
    }

    @Test
    void hochreiterNeedsTwentySteps() {
        assertThatThrownBy(() -> task("adding", Map.of("variant", "hochreiter", "length", 19)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("adding.length must be >= 20 for variant hochreiter (the first ten steps must lie in the"
                        + " first half), found 19");
        assertThat(task("adding", Map.of("variant", "pascanu", "length", 10)).data(1, Split.TRAIN, 2).batch(0).steps())
                .isEqualTo(10);
    }
}
