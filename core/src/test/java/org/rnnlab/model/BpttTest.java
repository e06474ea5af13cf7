package org.rnnlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.testkit.ModelFixtures.BATCH;
import static org.rnnlab.testkit.ModelFixtures.STEPS;
import static org.rnnlab.testkit.ModelFixtures.inputs;
import static org.rnnlab.testkit.ModelFixtures.values;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;
import org.rnnlab.testkit.ModelFixtures;

/** Batches a model refuses, and losses against values computed by hand, on core's test-only cell. */
class BpttTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));

    private static Model model(int layers, int outputs, Loss loss, ReadAt readAt) {
        return ModelFixtures.model(TOY, (k, hidden) -> LayerSpec.of("toy", hidden), ModelFixtures::uniform,
                layers, outputs, loss, readAt);
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

    /**
     * Read at the last step, a step's output gradient is non-zero only in the rows of sequences
     * that end there, and a batch with other lengths leaves nothing of the last batch's behind:
     * its gradients are those of a fresh Bptt, bit for bit.
     */
    @Test
    void outputGradientsFollowEachBatchsLengths() {
        Model model = model(1, 1, Loss.MSE, ReadAt.LAST);
        Bptt bptt = new Bptt(model);
        model.zeroGradients();
        bptt.lossAndGradients(Batch.regression(inputs(21), new int[] {5, 3, 5}, values(1, 1)));
        assertThat(nonZeroRows(bptt.outputGradient(4))).containsExactly(0, 2);
        assertThat(nonZeroRows(bptt.outputGradient(2))).containsExactly(1);
        assertThat(nonZeroRows(bptt.outputGradient(1))).isEmpty();

        Batch other = Batch.regression(inputs(22), new int[] {2, 5, 4}, values(1, 1));
        model.zeroGradients();
        bptt.lossAndGradients(other);
        assertThat(nonZeroRows(bptt.outputGradient(1))).containsExactly(0);
        assertThat(nonZeroRows(bptt.outputGradient(2))).isEmpty();
        assertThat(nonZeroRows(bptt.outputGradient(3))).containsExactly(2);
        assertThat(nonZeroRows(bptt.outputGradient(4))).containsExactly(1);
        List<double[]> reused = model.parameters().stream().map(p -> p.gradient().data.clone()).toList();
        model.zeroGradients();
        new Bptt(model).lossAndGradients(other);
        for (int i = 0; i < reused.size(); i++) {
            assertThat(model.parameters().get(i).gradient().data).as("gradient %d", i).containsExactly(reused.get(i));
        }
    }

    private static List<Integer> nonZeroRows(DMatrixRMaj m) {
        List<Integer> rows = new java.util.ArrayList<>();
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                if (m.get(r, c) != 0) {
                    rows.add(r);
                    break;
                }
            }
        }
        return rows;
    }
}
