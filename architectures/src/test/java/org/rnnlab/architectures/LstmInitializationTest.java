package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;

/**
 * Gate-aware initialization of the LSTMs through {@link Model#create}: a spec's init keys reach each
 * gate block of a parameter, because the cells name their gates.
 */
class LstmInitializationTest {
    private static final int HIDDEN = 6;
    private static final long SEED = 42;

    private static Model model(LayerSpec layer) {
        return Model.create(ModelSpec.builder(2).layer(layer).output(1, Loss.MSE, ReadAt.LAST).build(), SEED);
    }

    private static DMatrixRMaj value(Model model, String name) {
        return model.namedParameters().get(name).value();
    }

    /** Rows [gate·H, (gate+1)·H) of a gated matrix. */
    private static DMatrixRMaj block(DMatrixRMaj m, int gate) {
        return CommonOps_DDRM.extract(m, gate * HIDDEN, (gate + 1) * HIDDEN, 0, m.numCols);
    }

    @Test
    void orthogonalRecurrentWeightsAreOrthogonalInEachGateBlock() {
        DMatrixRMaj weightHh = value(model(LayerSpec.of("lstm", HIDDEN).withInit("recurrent", PluginRef.of("orthogonal"))),
                "rnn.weight_hh_l0");
        assertThat(weightHh.numRows).isEqualTo(4 * HIDDEN);
        for (int gate = 0; gate < 4; gate++) {
            DMatrixRMaj q = block(weightHh, gate);
            DMatrixRMaj qtq = new DMatrixRMaj(HIDDEN, HIDDEN);
            CommonOps_DDRM.multTransA(q, q, qtq);
            for (int i = 0; i < HIDDEN; i++) {
                for (int j = 0; j < HIDDEN; j++) {
                    assertThat(Math.abs(qtq.get(i, j) - (i == j ? 1 : 0)))
                            .as("(QᵀQ - I)[%d, %d] of gate block %d", i, j, gate).isLessThanOrEqualTo(1e-12);
                }
            }
        }
    }

    /** The forget-gate bias of Gers et al. 2000 as PyTorch users set it: 1 in bias_ih, 0 in bias_hh. */
    @Test
    void forgetGateBiasAloneIsSetAndTheOtherBlocksKeepTheDefault() {
        Model plain = model(LayerSpec.of("lstm", HIDDEN));
        Model forget = model(LayerSpec.of("lstm", HIDDEN)
                .withInit("bias_ih.forget", PluginRef.of("constant", Map.of("value", 1.0)))
                .withInit("bias_hh.forget", PluginRef.of("zeros")));
        double bound = 1 / Math.sqrt(HIDDEN);
        for (String name : new String[] {"rnn.bias_ih_l0", "rnn.bias_hh_l0"}) {
            DMatrixRMaj defaults = value(plain, name);
            DMatrixRMaj set = value(forget, name);
            for (int gate = 0; gate < 4; gate++) {
                for (int j = gate * HIDDEN; j < (gate + 1) * HIDDEN; j++) {
                    if (gate == 1) {
                        assertThat(set.data[j]).as("%s[%d], forget gate", name, j)
                                .isEqualTo(name.contains("_ih") ? 1.0 : 0.0);
                    } else {
                        assertThat(set.data[j]).as("%s[%d], gate %d", name, j, gate).isEqualTo(defaults.data[j]);
                        assertThat(Math.abs(defaults.data[j])).as("%s[%d] by default", name, j)
                                .isPositive().isLessThanOrEqualTo(bound);
                    }
                }
            }
        }
    }

    @Test
    void misspeltGateKeyIsReportedWithTheKnownKeys() {
        LayerSpec layer = LayerSpec.of("lstm", HIDDEN).withInit("bias.forgt", PluginRef.of("zeros"));
        assertThatThrownBy(() -> model(layer)).isInstanceOf(InvalidSpecException.class).hasMessage(
                "model.layers[0].init has no role or parameter 'bias.forgt'; did you mean 'bias.forget'? Known keys: bias, bias.cell, bias.forget, "
                + "bias.input, bias.output, bias_hh, bias_hh.cell, bias_hh.forget, bias_hh.input, bias_hh.output, "
                + "bias_ih, bias_ih.cell, bias_ih.forget, bias_ih.input, bias_ih.output, input, input.cell, "
                + "input.forget, input.input, input.output, other, recurrent, recurrent.cell, recurrent.forget, "
                + "recurrent.input, recurrent.output, weight_hh, weight_hh.cell, weight_hh.forget, weight_hh.input, "
                + "weight_hh.output, weight_ih, weight_ih.cell, weight_ih.forget, weight_ih.input, weight_ih.output");
    }

    @Test
    void withoutAForgetGateTheForgetKeyIsUnknown() {
        LayerSpec layer = LayerSpec.of("lstm_noforget", HIDDEN).withInit("bias.forget", PluginRef.of("zeros"));
        assertThatThrownBy(() -> model(layer)).isInstanceOf(InvalidSpecException.class).hasMessage(
                "model.layers[0].init has no role or parameter 'bias.forget'; known keys: bias, bias.cell, bias.input, "
                + "bias.output, bias_hh, bias_hh.cell, bias_hh.input, bias_hh.output, bias_ih, bias_ih.cell, "
                + "bias_ih.input, bias_ih.output, input, input.cell, input.input, input.output, other, recurrent, "
                + "recurrent.cell, recurrent.input, recurrent.output, weight_hh, weight_hh.cell, weight_hh.input, "
                + "weight_hh.output, weight_ih, weight_ih.cell, weight_ih.input, weight_ih.output");
    }

    /**
     * Peepholes have the role "other": a recurrent initializer that refuses vectors still serves the
     * peephole LSTM, and "other" reaches the peepholes, which are uniform in ±1/sqrt(H) by default.
     */
    @Test
    void peepholesAreOtherNotRecurrent() {
        Model orthogonal = model(LayerSpec.of("lstm_peephole", HIDDEN).withInit("recurrent", PluginRef.of("orthogonal")));
        Model zeroed = model(LayerSpec.of("lstm_peephole", HIDDEN).withInit("other", PluginRef.of("zeros")));
        for (String name : new String[] {"rnn.weight_ci_l0", "rnn.weight_cf_l0", "rnn.weight_co_l0"}) {
            DMatrixRMaj byDefault = value(orthogonal, name);
            assertThat(byDefault.numRows + "x" + byDefault.numCols).as("shape of %s", name).isEqualTo(HIDDEN + "x1");
            for (double v : byDefault.data) {
                assertThat(Math.abs(v)).as("%s by default", name).isPositive().isLessThanOrEqualTo(1 / Math.sqrt(HIDDEN));
            }
            assertThat(value(zeroed, name).data).as("%s initialized as other", name).containsOnly(0.0);
        }
        assertThat(value(zeroed, "rnn.weight_hh_l0").data).as("weight_hh keeps its default").doesNotContain(0.0);
    }
}
