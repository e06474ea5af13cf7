package org.rnnlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;
import org.rnnlab.testkit.FiniteDifferences;

/**
 * Whole-model gradient checks on core's test-only two-state cell: every loss and readout, masks,
 * stacked layers and truncated BPTT. The same checks with the real cells run in the architectures module.
 */
class BpttTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));
    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final int INPUT = 2;

    private static Model model(int layers, int outputs, Loss loss, ReadAt readAt) {
        ModelSpec.Builder b = ModelSpec.builder(INPUT);
        for (int k = 0; k < layers; k++) {
            b.layer(LayerSpec.of("toy", 3 + k));
        }
        Model model = Model.uninitialized(b.output(outputs, loss, readAt).build(), TOY);
        RandomGenerator random = new RandomStreams(1).stream("params");
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = random.nextDouble() - 0.5;
            }
        }
        return model;
    }

    private static DMatrixRMaj[] inputs(long seed) {
        RandomGenerator random = new RandomStreams(seed).stream("inputs");
        DMatrixRMaj[] xs = new DMatrixRMaj[STEPS];
        for (int t = 0; t < STEPS; t++) {
            xs[t] = new DMatrixRMaj(BATCH, INPUT);
            for (int i = 0; i < xs[t].data.length; i++) {
                xs[t].data[i] = 2 * random.nextDouble() - 1;
            }
        }
        return xs;
    }

    private static DMatrixRMaj[] values(int count, int outputs) {
        RandomGenerator random = new RandomStreams(3).stream("targets");
        DMatrixRMaj[] ys = new DMatrixRMaj[count];
        for (int t = 0; t < count; t++) {
            ys[t] = new DMatrixRMaj(BATCH, outputs);
            for (int i = 0; i < ys[t].data.length; i++) {
                ys[t].data[i] = random.nextGaussian();
            }
        }
        return ys;
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
    void mseAtTheLastStep() {
        checkGradients(model(1, 2, Loss.MSE, ReadAt.LAST), Batch.regression(inputs(1), null, values(1, 2)));
    }

    @Test
    void mseAtEveryStepWithMixedLengths() {
        checkGradients(model(1, 2, Loss.MSE, ReadAt.EVERY),
                Batch.regression(inputs(2), new int[] {5, 3, 1}, values(STEPS, 2)));
    }

    @Test
    void crossEntropyAtTheLastStepWithMixedLengths() {
        checkGradients(model(1, 4, Loss.CROSS_ENTROPY, ReadAt.LAST),
                Batch.classification(inputs(3), new int[] {2, 5, 4}, new int[][] {{3, 0, 1}}));
    }

    @Test
    void crossEntropyAtEveryStepWithUnscoredSteps() {
        int[][] classes = {{-1, 0, 1}, {2, -1, 3}, {0, 1, -1}, {3, 3, 2}, {-1, -1, 0}};
        checkGradients(model(1, 4, Loss.CROSS_ENTROPY, ReadAt.EVERY),
                Batch.classification(inputs(4), new int[] {5, 4, 5}, classes));
    }

    @Test
    void twoStackedLayersWithMasks() {
        checkGradients(model(2, 1, Loss.MSE, ReadAt.LAST), Batch.regression(inputs(5), new int[] {5, 2, 4}, values(1, 1)));
        checkGradients(model(2, 3, Loss.CROSS_ENTROPY, ReadAt.EVERY),
                Batch.classification(inputs(6), null, new int[][] {{0, 1, 2}, {2, 1, 0}, {1, 1, 1}, {0, 0, 0}, {2, 2, 2}}));
    }

    @Test
    void givenInitialStatesGetGradients() {
        Model model = model(2, 1, Loss.MSE, ReadAt.LAST);
        RandomGenerator random = new RandomStreams(9).stream("h0");
        DMatrixRMaj[][] initial = new DMatrixRMaj[2][2];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 2; i++) {
                initial[k][i] = new DMatrixRMaj(BATCH, 3 + k);
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
            for (int i = 0; i < 2; i++) {
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
    void truncatedWithWholeSegmentsEqualsFull() {
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
    void segmentLossesAddUpToTheBatchLoss() {
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
    void truncatedGradientIsTheGradientWithTheEarlierStateHeldFixed() {
        int k2 = 2;
        Model model = model(1, 2, Loss.MSE, ReadAt.LAST);
        DMatrixRMaj[] xs = inputs(11);
        DMatrixRMaj[] targets = values(1, 2);
        Bptt prefix = new Bptt(model);
        DMatrixRMaj[] head = java.util.Arrays.copyOf(xs, STEPS - k2);
        prefix.forward(Batch.inputsOnly(head, null));
        DMatrixRMaj[][] carried = {{prefix.layer(0).state(STEPS - k2)[0].copy(), prefix.layer(0).state(STEPS - k2)[1].copy()}};
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

    @Test
    void mismatchedBatchesAreRefusedWithReasons() {
        Model model = model(1, 2, Loss.MSE, ReadAt.LAST);
        Bptt bptt = new Bptt(model);
        DMatrixRMaj[] wide = {new DMatrixRMaj(BATCH, 5)};
        assertThatThrownBy(() -> bptt.loss(Batch.regression(wide, null, values(1, 2))))
                .hasMessage("Batch inputs have 5 features per step; the model takes 2");
        assertThatThrownBy(() -> bptt.loss(Batch.regression(inputs(1), null, values(STEPS, 2))))
                .hasMessage("The model is read at last step; need 1 target matrices, found 5");
        assertThatThrownBy(() -> bptt.loss(Batch.classification(inputs(1), null, new int[][] {{0, 1, 0}})))
                .hasMessage("The model's loss is mse; the batch has class targets instead of values");
        Model classifier = model(1, 3, Loss.CROSS_ENTROPY, ReadAt.LAST);
        assertThatThrownBy(() -> new Bptt(classifier).loss(Batch.classification(inputs(1), null, new int[][] {{0, 3, 0}})))
                .hasMessage("Class target of sequence 1 at step 0 must be in [0, 3) or -1 for none, found 3");
    }

    @Test
    void lossMatchesHandComputedValues() {
        Model model = model(1, 1, Loss.MSE, ReadAt.LAST);
        Batch batch = Batch.regression(inputs(12), null, values(1, 1));
        Bptt bptt = new Bptt(model);
        bptt.forward(Batch.inputsOnly(batch.inputs(), null));
        DMatrixRMaj y = bptt.predictions()[0].copy();
        double expected = 0;
        for (int b = 0; b < BATCH; b++) {
            double d = y.get(b, 0) - batch.targets()[0].get(b, 0);
            expected += d * d / BATCH;
        }
        assertThat(bptt.loss(batch)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-15));

        Model classifier = model(1, 3, Loss.CROSS_ENTROPY, ReadAt.LAST);
        Batch classes = Batch.classification(inputs(12), null, new int[][] {{2, 0, -1}});
        Bptt c = new Bptt(classifier);
        c.forward(Batch.inputsOnly(classes.inputs(), null));
        DMatrixRMaj logits = c.predictions()[0].copy();
        double ce = 0;
        int[] target = {2, 0};
        for (int b = 0; b < 2; b++) {
            double z = 0;
            for (int o = 0; o < 3; o++) {
                z += Math.exp(logits.get(b, o));
            }
            ce += (Math.log(z) - logits.get(b, target[b])) / 2;
        }
        assertThat(c.loss(classes)).isCloseTo(ce, org.assertj.core.data.Offset.offset(1e-14));
    }
}
