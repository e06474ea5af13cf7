package org.rnnlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.diagnostics.DiagnosticsChecks.inputs;
import static org.rnnlab.diagnostics.DiagnosticsChecks.values;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.Norms;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;

/**
 * The split of the recurrent weights' gradient by lag on two stacked layers of core's two-state toy
 * cell: the terms add up to full BPTT's gradient, and those of lags 0..L to truncated BPTT's with
 * k2 = L + 1; the share's norms are those of the terms; nothing is left changed.
 */
class LongTermShareTest {
    private static final Registries TOY = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));
    private static final int STEPS = 6;
    private static final int BATCH = 3;
    private static final int INPUT = 2;

    private static Model model(int outputs, Loss loss, ReadAt readAt) {
        Model model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("toy", 3)).layer(LayerSpec.of("toy", 4))
                .output(outputs, loss, readAt).build(), TOY);
        DiagnosticsChecks.randomize(model, 1, 1.6);
        return model;
    }

    private static Batch lastStepBatch() {
        return Batch.regression(inputs(2, STEPS, BATCH, INPUT), new int[] {5, 3, 2}, values(3, 1, BATCH, 2));
    }

    private static Batch everyStepBatch() {
        int[][] classes = {{-1, 0, 1}, {2, -1, 0}, {0, 1, -1}, {1, 1, 2}, {-1, 2, 0}, {2, 0, 1}};
        return Batch.classification(inputs(4, STEPS, BATCH, INPUT), new int[] {6, 4, 5}, classes);
    }

    @Test
    void termsAddUpWhenTheLossIsReadAtEachSequencesLastStep() {
        Map<String, List<DMatrixRMaj>> terms = DiagnosticsChecks.assertLagTermsAddUp(model(2, Loss.MSE, ReadAt.LAST),
                lastStepBatch());
        assertThat(terms.keySet()).containsExactly("rnn.weight_hh_l0", "rnn.weight_hh_l1");
        assertThat(terms.get("rnn.weight_hh_l0")).as("lags 0 .. the last loss time, step 4").hasSize(5);
    }

    @Test
    void termsAddUpWhenTheLossIsReadAtEveryStep() {
        Map<String, List<DMatrixRMaj>> terms = DiagnosticsChecks.assertLagTermsAddUp(model(3, Loss.CROSS_ENTROPY, ReadAt.EVERY),
                everyStepBatch());
        assertThat(terms.get("rnn.weight_hh_l1")).hasSize(STEPS);
    }

    @Test
    void theSharesNormsAreThoseOfTheTerms() {
        Model model = model(2, Loss.MSE, ReadAt.EVERY);
        Batch batch = Batch.regression(inputs(5, STEPS, BATCH, INPUT), new int[] {6, 2, 4}, values(6, STEPS, BATCH, 2));
        Map<String, List<DMatrixRMaj>> terms = DiagnosticsChecks.assertLagTermsAddUp(model, batch);
        LongTermShare share = Diagnostics.longTermShare(model, batch, 3, 0, 3, 9);
        assertThat(share.thresholds()).containsExactly(0, 3, 9);
        assertThat(share.weights()).extracting(LongTermShare.Weight::name).containsExactly("rnn.weight_hh_l0", "rnn.weight_hh_l1");
        double[] combinedSquares = new double[STEPS + 2];
        for (LongTermShare.Weight w : share.weights()) {
            List<DMatrixRMaj> list = terms.get(w.name());
            assertThat(w.lags()).isEqualTo(STEPS);
            DMatrixRMaj whole = new DMatrixRMaj(list.get(0).numRows, list.get(0).numCols);
            DMatrixRMaj above0 = whole.createLike();
            DMatrixRMaj above3 = whole.createLike();
            for (int lag = 0; lag < STEPS; lag++) {
                assertClose(w.name() + " lag " + lag, w.lagNorms()[lag], Norms.of(list.get(lag)));
                assertClose(w.name() + " fraction at lag " + lag, w.lagFraction(lag), w.lagNorms()[lag] / w.gradientNorm());
                Kernels.addScaled(1, list.get(lag), whole);
                if (lag > 0) {
                    Kernels.addScaled(1, list.get(lag), above0);
                }
                if (lag > 3) {
                    Kernels.addScaled(1, list.get(lag), above3);
                }
                combinedSquares[lag] += w.lagNorms()[lag] * w.lagNorms()[lag];
            }
            assertClose(w.name() + " whole", w.gradientNorm(), Norms.of(whole));
            assertClose(w.name() + " above lag 0", w.tailNorms()[0], Norms.of(above0));
            assertClose(w.name() + " above lag 3", w.share(3), Norms.of(above3) / Norms.of(whole));
            assertThat(w.share(9)).as("no term is older than lag 5").isZero();
            combinedSquares[STEPS] += w.gradientNorm() * w.gradientNorm();
            combinedSquares[STEPS + 1] += w.tailNorms()[1] * w.tailNorms()[1];
        }
        assertThat(share.weight("rnn.weight_hh_l1")).isSameAs(share.weights().get(1));
        LongTermShare.Weight all = share.combined();
        assertThat(all.name()).isEqualTo("all");
        for (int lag = 0; lag < STEPS; lag++) {
            assertClose("all, lag " + lag, all.lagNorms()[lag], Math.sqrt(combinedSquares[lag]));
        }
        assertClose("all, whole", all.gradientNorm(), Math.sqrt(combinedSquares[STEPS]));
        assertClose("all, above lag 3", all.tailNorms()[1], Math.sqrt(combinedSquares[STEPS + 1]));
    }

    private static void assertClose(String what, double found, double expected) {
        assertThat(Math.abs(found - expected)).as("%s: found %s, expected %s", what, found, expected)
                .isLessThanOrEqualTo(1e-12 * Math.abs(expected));
    }

    @Test
    void gradientsAndTheBpttAreLeftAsTheyWere() {
        Model model = model(2, Loss.MSE, ReadAt.LAST);
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(lastStepBatch());
        DiagnosticsChecks.scribbleOnGradients(model, 9);
        List<double[]> gradients = DiagnosticsChecks.gradients(model);
        List<double[]> buffers = DiagnosticsChecks.buffers(bptt);
        LongTermShare share = Diagnostics.longTermShare(bptt, 2);
        assertThat(share.combined().gradientNorm()).isPositive();
        assertThat(DiagnosticsChecks.gradients(model)).as("parameter gradients, bit for bit").containsExactlyElementsOf(gradients);
        assertThat(DiagnosticsChecks.buffers(bptt)).as("the Bptt's buffers").containsExactlyElementsOf(buffers);
    }

    @Test
    void badRequestsAreRefusedWithReasons() {
        Model model = model(2, Loss.MSE, ReadAt.LAST);
        assertThatThrownBy(() -> Diagnostics.longTermShare(model, Batch.inputsOnly(inputs(1, STEPS, BATCH, INPUT), null)))
                .hasMessage("The split of the gradient by lag needs a batch with targets; this one has inputs only");
        assertThatThrownBy(() -> Diagnostics.longTermShare(model, lastStepBatch(), 2, -1))
                .hasMessage("thresholds must be >= 0, found -1");
        assertThatThrownBy(() -> Diagnostics.longTermShare(new Bptt(model), 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The long-term share needs a Bptt that has run a batch; this one has run none");
        LongTermShare share = Diagnostics.longTermShare(model, lastStepBatch(), 2);
        assertThatThrownBy(() -> share.combined().share(3))
                .hasMessage("The share above lag 3 was not measured; thresholds [2]");
        assertThatThrownBy(() -> share.weight("rnn.weight_ih_l0"))
                .hasMessage("No recurrent weight 'rnn.weight_ih_l0'; measured [rnn.weight_hh_l0, rnn.weight_hh_l1]");
    }
}
