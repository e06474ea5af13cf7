package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.diagnostics.DiagnosticsChecks;
import org.rnnlab.diagnostics.LongTermShare;
import org.rnnlab.model.Batch;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.Registries;

/**
 * Pascanu et al.'s split of the recurrent weights' gradient by lag, on two stacked layers of each
 * cell, with masks: the terms of every lag add up to full BPTT's gradient to 1e-12, and those of
 * lags 0..L to each loss time's gradient taken back L + 1 steps.
 */
class DiagnosticsLongTermShareTest {
    private static final int STEPS = 7;
    private static final int BATCH = 3;
    private static final int INPUT = 2;

    private static Model model(String cell, int outputs, Loss loss, ReadAt readAt) {
        Model model = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of(cell, 4)).layer(LayerSpec.of(cell, 3))
                .output(outputs, loss, readAt).build(), Registries.standard());
        DiagnosticsChecks.randomize(model, 1, 1.6);
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru", "indrnn"})
    void termsAddUpWithTheLossAtEachSequencesLastStep(String cell) {
        Batch batch = Batch.regression(DiagnosticsChecks.inputs(2, STEPS, BATCH, INPUT), new int[] {6, 7, 3},
                DiagnosticsChecks.values(3, 1, BATCH, 2));
        Map<String, List<DMatrixRMaj>> terms = DiagnosticsChecks.assertLagTermsAddUp(model(cell, 2, Loss.MSE, ReadAt.LAST), batch);
        assertThat(terms.get("rnn.weight_hh_l0")).hasSize(STEPS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm"})
    void termsAddUpWithTheLossAtEveryStep(String cell) {
        Batch mse = Batch.regression(DiagnosticsChecks.inputs(4, STEPS, BATCH, INPUT), new int[] {7, 2, 5},
                DiagnosticsChecks.values(5, STEPS, BATCH, 2));
        DiagnosticsChecks.assertLagTermsAddUp(model(cell, 2, Loss.MSE, ReadAt.EVERY), mse);
        int[][] classes = {{-1, 0, 1}, {2, -1, 0}, {0, 1, -1}, {1, 1, 2}, {-1, 2, 0}, {2, 0, 1}, {0, 0, 0}};
        Batch crossEntropy = Batch.classification(DiagnosticsChecks.inputs(6, STEPS, BATCH, INPUT), new int[] {7, 4, 6}, classes);
        DiagnosticsChecks.assertLagTermsAddUp(model(cell, 3, Loss.CROSS_ENTROPY, ReadAt.EVERY), crossEntropy);
    }

    /**
     * An LSTM whose forget gates are held open carries the gradient across lags that a tanh RNN
     * with small recurrent weights loses: its long-term share is larger by orders of magnitude.
     */
    @Test
    void anLstmKeepsMoreOfTheLongTermGradientThanAContractingRnn() {
        int threshold = 3;
        Batch batch = Batch.regression(DiagnosticsChecks.inputs(7, 20, BATCH, INPUT), null, DiagnosticsChecks.values(8, 1, BATCH, 1));
        Model rnn = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("rnn", 4)).output(1, Loss.MSE, ReadAt.LAST)
                .build(), Registries.standard());
        DiagnosticsChecks.randomize(rnn, 9, 0.4);
        Model lstm = Model.uninitialized(ModelSpec.builder(INPUT).layer(LayerSpec.of("lstm", 4)).output(1, Loss.MSE, ReadAt.LAST)
                .build(), Registries.standard());
        DiagnosticsChecks.randomize(lstm, 9, 0.4);
        double[] forgetBias = lstm.namedParameters().get("rnn.bias_hh_l0").value().data;
        for (int j = 4; j < 8; j++) {
            forgetBias[j] = 6; // σ(6) ≈ 0.998: the cell state is carried almost unchanged
        }
        LongTermShare rnnShare = Diagnostics.longTermShare(rnn, batch, threshold);
        LongTermShare lstmShare = Diagnostics.longTermShare(lstm, batch, threshold);
        double rnnLong = rnnShare.weight("rnn.weight_hh_l0").share(threshold);
        double lstmLong = lstmShare.weight("rnn.weight_hh_l0").share(threshold);
        assertThat(rnnLong).isLessThan(1e-2);
        assertThat(lstmLong).isGreaterThan(100 * rnnLong);
        double[] lagNorms = rnnShare.weight("rnn.weight_hh_l0").lagNorms();
        assertThat(lagNorms).hasSize(20);
        assertThat(lagNorms[19]).as("the oldest term, which multiplies the initial state zero").isZero();
        assertThat(lagNorms[18]).as("the oldest term that does not").isLessThan(1e-10 * lagNorms[0]).isPositive();
    }
}
