package org.rnnlab.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.diagnostics.DiagnosticsChecks;
import org.rnnlab.diagnostics.GradientFlow;
import org.rnnlab.diagnostics.JacobianNorms;
import org.rnnlab.diagnostics.RecurrentSpectra;
import org.rnnlab.kernels.Norms;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.Registries;

/**
 * The known answer of Pascanu, Mikolov, Bengio 2013 for a linear Elman network h_t = W h_{t-1} +
 * U x_t + b with W = ρQ, Q orthogonal, and the loss read at the last step only: dL/dh_t =
 * (Wᵀ)^(T-t) dL/dh_T, so ||dL/dh_t|| = ρ^(T-t) ||dL/dh_T||; dh_T/dh_k = W^(T-k), of spectral norm
 * ρ^(T-k) and Frobenius norm ρ^(T-k) sqrt(H); and the gradient of W splits by lag into
 * G_L = (dL/dh_T W^L)ᵀ h_{T-1-L} summed over the batch. For ρ = 0.9, 1.1 and, vanishing far below
 * 1e-40, ρ = 1e-8 (whose products reach 1e-232 and whose squares underflow).
 */
class DiagnosticsKnownAnswerTest {
    private static final int HIDDEN = 5;
    private static final int STEPS = 30;
    private static final int BATCH = 2;
    private static final int INPUT = 3;
    private static final int OUTPUTS = 2;

    private static void assertRelative(String what, double found, double expected, double tolerance) {
        assertThat(Math.abs(found - expected)).as("%s: found %s, expected %s", what, found, expected)
                .isLessThanOrEqualTo(tolerance * Math.abs(expected));
    }

    /** Q of the QR decomposition of a Gaussian matrix. */
    private static DMatrixRMaj orthogonal(long seed) {
        DMatrixRMaj g = RandomMatrices_DDRM.rectangleGaussian(HIDDEN, HIDDEN, 0, 1, new Random(seed));
        var qr = DecompositionFactory_DDRM.qr(HIDDEN, HIDDEN);
        assertThat(qr.decompose(g)).isTrue();
        return qr.getQ(null, false);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.9, 1.1, 1e-8})
    void aLinearNetworkWithAScaledOrthogonalRecurrence(double rho) {
        Model model = Model.uninitialized(ModelSpec.builder(INPUT)
                .layer(LayerSpec.of("rnn", HIDDEN).withOption("activation", "identity"))
                .output(OUTPUTS, Loss.MSE, ReadAt.LAST).build(), Registries.standard());
        DiagnosticsChecks.randomize(model, 1, 1.0);
        DMatrixRMaj w = orthogonal(2);
        CommonOps_DDRM.scale(rho, w);
        model.namedParameters().get("rnn.weight_hh_l0").value().setTo(w);
        Batch batch = Batch.regression(DiagnosticsChecks.inputs(3, STEPS, BATCH, INPUT), null,
                DiagnosticsChecks.values(4, 1, BATCH, OUTPUTS));
        Bptt bptt = new Bptt(model);
        bptt.lossAndGradients(batch);

        // dL/dh_T by hand: the mean squared error over B·O outputs, y = W_out h_T + b_out.
        DMatrixRMaj hT = bptt.layer(0).state(STEPS)[0];
        DMatrixRMaj wOut = model.namedParameters().get("readout.weight").value();
        DMatrixRMaj bOut = model.namedParameters().get("readout.bias").value();
        DMatrixRMaj dy = new DMatrixRMaj(BATCH, OUTPUTS);
        for (int b = 0; b < BATCH; b++) {
            for (int o = 0; o < OUTPUTS; o++) {
                double y = bOut.get(o, 0);
                for (int j = 0; j < HIDDEN; j++) {
                    y += wOut.get(o, j) * hT.get(b, j);
                }
                dy.set(b, o, 2 * (y - batch.targets()[0].get(b, o)) / (BATCH * OUTPUTS));
            }
        }
        DMatrixRMaj gT = new DMatrixRMaj(BATCH, HIDDEN);
        CommonOps_DDRM.mult(dy, wOut, gT);
        double normT = NormOps_DDRM.normF(gT);
        double meanT = (rowNorm(gT, 0) + rowNorm(gT, 1)) / 2;

        GradientFlow.Layer flow = Diagnostics.gradientFlow(bptt).layers().get(0);
        for (int t = 0; t <= STEPS; t++) {
            double factor = Math.pow(rho, STEPS - t);
            assertRelative("||dL/dh_" + t + "||", flow.norm(t), factor * normT, 1e-9);
            assertRelative("mean over sequences at " + t, flow.meanSequenceNorms()[t], factor * meanT, 1e-9);
        }

        JacobianNorms jacobian = Diagnostics.exactJacobianNorms(bptt, 0, 1);
        DMatrixRMaj power = CommonOps_DDRM.identity(HIDDEN);
        List<DMatrixRMaj> powers = new ArrayList<>();
        for (int lag = 0; lag <= STEPS; lag++) {
            powers.add(power.copy());
            double factor = Math.pow(rho, lag);
            assertRelative("||W^" + lag + "||_2", jacobian.spectral(lag), factor, 1e-9);
            assertRelative("||W^" + lag + "||_F", jacobian.frobenius(lag), factor * Math.sqrt(HIDDEN), 1e-9);
            assertRelative("||W^" + lag + "||_2 of the explicit product", jacobian.spectral(lag),
                    Diagnostics.largestSingularValue(power), 1e-9);
            assertRelative("||W^" + lag + "||_F of the explicit product", jacobian.frobenius(lag), Norms.of(power), 1e-9);
            DMatrixRMaj next = new DMatrixRMaj(HIDDEN, HIDDEN);
            CommonOps_DDRM.mult(w, power, next);
            power = next;
        }

        List<DMatrixRMaj> terms = new ArrayList<>();
        int lags = Diagnostics.lagTerms(model, batch, (lag, weight, term) -> {
            if (weight.name().equals("rnn.weight_hh_l0")) {
                terms.add(term.copy());
            }
        });
        assertThat(lags).isEqualTo(STEPS);
        for (int lag = 0; lag < STEPS; lag++) {
            DMatrixRMaj delta = new DMatrixRMaj(BATCH, HIDDEN);
            CommonOps_DDRM.mult(gT, powers.get(lag), delta);
            DMatrixRMaj expected = new DMatrixRMaj(HIDDEN, HIDDEN);
            CommonOps_DDRM.multTransA(delta, bptt.layer(0).state(STEPS - 1 - lag)[0], expected);
            double scale = CommonOps_DDRM.elementMaxAbs(expected);
            for (int i = 0; i < expected.getNumElements(); i++) {
                assertThat(Math.abs(terms.get(lag).data[i] - expected.data[i])).as("G_%d[%d]", lag, i)
                        .isLessThanOrEqualTo(1e-9 * scale);
            }
        }

        RecurrentSpectra.Block spectrum = Diagnostics.recurrentSpectra(model).block("rnn.weight_hh_l0");
        assertRelative("spectral radius of ρQ", spectrum.spectralRadius(), rho, 1e-12);
        assertRelative("largest singular value of ρQ", spectrum.largestSingularValue(), rho, 1e-12);
    }

    private static double rowNorm(DMatrixRMaj m, int b) {
        return DiagnosticsChecks.rowNorm(m, b);
    }
}
