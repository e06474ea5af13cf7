package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.testkit.ModelFixtures.BATCH;
import static org.rnnlab.testkit.ModelFixtures.STEPS;
import static org.rnnlab.testkit.ModelFixtures.inputs;
import static org.rnnlab.testkit.ModelFixtures.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ReadAt;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;

/**
 * Whole-model gradient checks against central differences for models built of one kind of cell:
 * MSE and cross-entropy, read at the last or every step, masks of mixed lengths, two stacked layers,
 * given initial states, and truncated BPTT (k1 = k2 = T equals full BPTT to 1e-12; with k2 < T the
 * gradient is that of the loss with the earlier state held fixed). A cell's module subclasses it.
 */
public abstract class ModelGradientContractTest {
    /** The plugins to build models from. */
    protected abstract Registries registries();

    /** Layer {@code index} of a test model, of the given width, made of the cell under test. */
    protected abstract LayerSpec layer(int index, int hiddenSize);

    /** Draws every parameter; the default is uniform in [-0.5, 0.5). */
    protected void initialize(Model model, RandomGenerator random) {
        ModelFixtures.uniform(model, random);
    }

    private Model model(int layers, int outputs, Loss loss, ReadAt readAt) {
        return ModelFixtures.model(registries(), this::layer, this::initialize, layers, outputs, loss, readAt);
    }

    private static void checkGradients(Model model, Batch batch) {
        Bptt bptt = new Bptt(model);
        model.zeroGradients();
        bptt.lossAndGradients(batch);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            String f = FiniteDifferences.check(e.getKey(), e.getValue().gradient(), e.getValue().value(),
                    () -> new Bptt(model).loss(batch), 1e-6);
            if (f != null) {
                failures.add(f);
            }
        }
        assertThat(failures).as("parameters whose gradient disagrees with central differences").isEmpty();
    }

    @Test
    public void mseAtTheLastStep() {
        checkGradients(model(1, 2, Loss.MSE, ReadAt.LAST), Batch.regression(inputs(1), null, values(1, 2)));
    }

    @Test
    public void mseAtEveryStepWithMixedLengths() {
        checkGradients(model(1, 2, Loss.MSE, ReadAt.EVERY),
                Batch.regression(inputs(2), new int[] {5, 3, 1}, values(STEPS, 2)));
    }

    @Test
    public void crossEntropyAtTheLastStepWithMixedLengths() {
        checkGradients(model(1, 4, Loss.CROSS_ENTROPY, ReadAt.LAST),
                Batch.classification(inputs(3), new int[] {2, 5, 4}, new int[][] {{3, 0, 1}}));
    }

    @Test
    public void crossEntropyAtEveryStepWithUnscoredSteps() {
        int[][] classes = {{-1, 0, 1}, {2, -1, 3}, {0, 1, -1}, {3, 3, 2}, {-1, -1, 0}};
        checkGradients(model(1, 4, Loss.CROSS_ENTROPY, ReadAt.EVERY),
                Batch.classification(inputs(4), new int[] {5, 4, 5}, classes));
    }

    @Test
    public void twoStackedLayersWithMasks() {
        checkGradients(model(2, 1, Loss.MSE, ReadAt.LAST), Batch.regression(inputs(5), new int[] {5, 2, 4}, values(1, 1)));
        checkGradients(model(2, 3, Loss.CROSS_ENTROPY, ReadAt.EVERY),
                Batch.classification(inputs(6), null, new int[][] {{0, 1, 2}, {2, 1, 0}, {1, 1, 1}, {0, 0, 0}, {2, 2, 2}}));
    }

    @Test
    public void givenInitialStatesGetGradients() {
        Model model = model(2, 1, Loss.MSE, ReadAt.LAST);
        RandomGenerator random = new RandomStreams(9).stream("h0");
        DMatrixRMaj[][] initial = new DMatrixRMaj[2][];
        for (int k = 0; k < 2; k++) {
            var cell = model.cells().get(k);
            initial[k] = new DMatrixRMaj[cell.stateNames().size()];
            for (int i = 0; i < initial[k].length; i++) {
                initial[k][i] = new DMatrixRMaj(BATCH, cell.stateSize(i));
                for (int j = 0; j < initial[k][i].data.length; j++) {
                    initial[k][i].data[j] = random.nextDouble() - 0.5;
                }
            }
        }
        Batch batch = Batch.regression(inputs(7), null, values(1, 1)).withInitialStates(initial);
        checkGradients(model, batch);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < initial[k].length; i++) {
                int layer = k;
                int state = i;
                String f = FiniteDifferences.check("initial state " + i + " of layer " + k,
                        bptt.layer(layer).stateGradient(0)[state].copy(), initial[layer][state],
                        () -> new Bptt(model).loss(batch), 1e-6);
                assertThat(f).isNull();
            }
        }
    }

    @Test
    public void truncatedWithWholeSegmentsEqualsFull() {
        Model model = model(2, 2, Loss.MSE, ReadAt.EVERY);
        Batch batch = Batch.regression(inputs(8), new int[] {5, 4, 2}, values(STEPS, 2));
        model.zeroGradients();
        double full = new Bptt(model).lossAndGradients(batch);
        List<double[]> fullGradients = model.parameters().stream().map(p -> p.gradient().data.clone()).toList();
        model.zeroGradients();
        double[] segments = {0};
        double truncated = new Bptt(model).truncated(batch, STEPS, STEPS, (from, to, loss) -> segments[0]++);
        assertThat(segments[0]).isEqualTo(1);
        assertThat(truncated).isCloseTo(full, org.assertj.core.data.Offset.offset(1e-12));
        for (int i = 0; i < fullGradients.size(); i++) {
            double[] g = model.parameters().get(i).gradient().data;
            for (int k = 0; k < g.length; k++) {
                assertThat(g[k]).isCloseTo(fullGradients.get(i)[k], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    public void segmentLossesAddUpToTheBatchLoss() {
        Model model = model(1, 2, Loss.MSE, ReadAt.EVERY);
        Batch batch = Batch.regression(inputs(10), null, values(STEPS, 2));
        double full = new Bptt(model).loss(batch);
        List<int[]> ranges = new ArrayList<>();
        double sum = new Bptt(model).truncated(batch, 2, 2, (from, to, loss) -> ranges.add(new int[] {from, to}));
        assertThat(sum).isCloseTo(full, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ranges).containsExactly(new int[] {0, 2}, new int[] {2, 4}, new int[] {4, 5});
    }

    /**
     * With k1 = T and k2 < T the gradient is that of the loss with the state at step T - k2 held
     * fixed: checked against central differences of a second model run from that state.
     */
    @Test
    public void truncatedGradientIsTheGradientWithTheEarlierStateHeldFixed() {
        int k2 = 2;
        Model model = model(1, 2, Loss.MSE, ReadAt.LAST);
        DMatrixRMaj[] xs = inputs(11);
        DMatrixRMaj[] targets = values(1, 2);
        Bptt prefix = new Bptt(model);
        DMatrixRMaj[] head = java.util.Arrays.copyOf(xs, STEPS - k2);
        prefix.forward(Batch.inputsOnly(head, null));
        DMatrixRMaj[] carriedState = prefix.layer(0).state(STEPS - k2);
        DMatrixRMaj[][] carried = new DMatrixRMaj[1][carriedState.length];
        for (int i = 0; i < carriedState.length; i++) {
            carried[0][i] = carriedState[i].copy();
        }
        DMatrixRMaj[] tail = java.util.Arrays.copyOfRange(xs, STEPS - k2, STEPS);
        Batch tailBatch = Batch.regression(tail, null, targets).withInitialStates(carried);

        model.zeroGradients();
        new Bptt(model).truncated(Batch.regression(xs, null, targets), STEPS, k2, (from, to, loss) -> { });
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            String f = FiniteDifferences.check(e.getKey(), e.getValue().gradient().copy(), e.getValue().value(),
                    () -> new Bptt(model).loss(tailBatch), 1e-6);
            if (f != null) {
                failures.add(f);
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * With k2 > k1 a segment sends back only its own losses, over k2 steps: the second segment's
     * gradient (T = 5, k1 = 2, k2 = 4) is that of the losses at steps 2 and 3 alone through the whole
     * history, scaled from their own mean to the batch's (the segment's loss is its share of the mean).
     */
    @Test
    public void truncatedSegmentSendsBackOnlyItsOwnLosses() {
        Model model = model(1, 3, Loss.CROSS_ENTROPY, ReadAt.EVERY);
        DMatrixRMaj[] xs = inputs(12);
        int[][] all = {{0, 1, 2}, {2, 1, 0}, {1, 1, 2}, {0, 2, 1}, {2, 0, 0}};
        int[][] segment = {{-1, -1, -1}, {-1, -1, -1}, {1, 1, 2}, {0, 2, 1}, {-1, -1, -1}};
        List<List<double[]>> gradients = new ArrayList<>();
        model.zeroGradients();
        new Bptt(model).truncated(Batch.classification(xs, null, all), 2, 4, (from, to, loss) -> {
            gradients.add(model.parameters().stream().map(p -> p.gradient().data.clone()).toList());
            model.zeroGradients();
        });
        assertThat(gradients).hasSize(3);
        double scale = 6.0 / 15.0;
        Batch segmentOnly = Batch.classification(xs, null, segment);
        List<String> failures = new ArrayList<>();
        List<Parameter> parameters = model.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            DMatrixRMaj expected = new DMatrixRMaj(p.value().numRows, p.value().numCols);
            double[] g = gradients.get(1).get(i);
            for (int k = 0; k < g.length; k++) {
                expected.data[k] = g[k] / scale;
            }
            String f = FiniteDifferences.check(p.name(), expected, p.value(), () -> new Bptt(model).loss(segmentOnly), 1e-6);
            if (f != null) {
                failures.add(f);
            }
        }
        assertThat(failures).isEmpty();
    }
}
