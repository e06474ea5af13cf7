package org.rnnlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ToyCellType;
import org.rnnlab.model.LayerSpec;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.registry.PluginKind;
import org.rnnlab.registry.Registries;

/** Spectral radii and largest singular values of matrices whose answers are known. */
class SpectraTest {

    private static DMatrixRMaj rotation(double theta, double rho) {
        return new DMatrixRMaj(new double[][] {
                {rho * Math.cos(theta), -rho * Math.sin(theta)},
                {rho * Math.sin(theta), rho * Math.cos(theta)}});
    }

    private static void assertRelative(String what, double found, double expected, double tolerance) {
        assertThat(Math.abs(found - expected)).as("%s: found %s, expected %s", what, found, expected)
                .isLessThanOrEqualTo(tolerance * Math.abs(expected));
    }

    @Test
    void aRotationScaledByRhoHasRadiusAndNormRho() {
        for (double rho : new double[] {0.9, 1.1}) {
            DMatrixRMaj r = rotation(0.7, rho);
            assertRelative("radius", Diagnostics.spectralRadius(r), rho, 1e-14);
            assertRelative("norm", Diagnostics.largestSingularValue(r), rho, 1e-14);
        }
    }

    /** Complex eigenvalues of magnitude rho far outside [1e-150, 1e150], where unscaled squares would leave the double range. */
    @Test
    void extremeScalesAreMeasuredAsAccurately() {
        for (double scale : new double[] {1e-200, 1e-310, 1e200}) {
            DMatrixRMaj r = rotation(0.7, 0.9 * scale);
            assertRelative("radius at scale " + scale, Diagnostics.spectralRadius(r), 0.9 * scale, 1e-12);
            assertRelative("norm at scale " + scale, Diagnostics.largestSingularValue(r), 0.9 * scale, 1e-12);
        }
    }

    /** A Jordan block has every eigenvalue λ but a norm above |λ|: the radius alone does not bound a product's norm. */
    @Test
    void aJordanBlock() {
        double lambda = 0.5;
        DMatrixRMaj j2 = new DMatrixRMaj(new double[][] {{lambda, 1}, {0, lambda}});
        assertRelative("radius", Diagnostics.spectralRadius(j2), lambda, 1e-12);
        assertRelative("norm", Diagnostics.largestSingularValue(j2), (1 + Math.sqrt(1 + 4 * lambda * lambda)) / 2, 1e-14);
        DMatrixRMaj j3 = new DMatrixRMaj(new double[][] {{0.8, 1, 0}, {0, 0.8, 1}, {0, 0, 0.8}});
        assertRelative("radius of a 3x3 block", Diagnostics.spectralRadius(j3), 0.8, 1e-5);
        assertRelative("radius against EJML's eigenvalues", Diagnostics.spectralRadius(j3), ejmlRadius(j3), 1e-12);
    }

    @Test
    void aDiagonalMatrix() {
        DMatrixRMaj d = CommonOps_DDRM.diag(0.5, -2, 1.5);
        assertRelative("radius", Diagnostics.spectralRadius(d), 2, 1e-15);
        assertRelative("norm", Diagnostics.largestSingularValue(d), 2, 1e-15);
    }

    @Test
    void aGaussianMatrixAgreesWithEjmlUnscaled() {
        DMatrixRMaj g = RandomMatrices_DDRM.rectangleGaussian(7, 7, 0, 1, new Random(3));
        assertRelative("radius", Diagnostics.spectralRadius(g), ejmlRadius(g), 1e-12);
        assertRelative("norm", Diagnostics.largestSingularValue(g), NormOps_DDRM.normP2(g), 1e-12);
    }

    private static double ejmlRadius(DMatrixRMaj m) {
        var eig = DecompositionFactory_DDRM.eig(m.numRows, false);
        assertThat(eig.decompose(m.copy())).isTrue();
        double r = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            r = Math.max(r, eig.getEigenvalue(i).getMagnitude());
        }
        return r;
    }

    @Test
    void zeroNonSquareAndNonFiniteMatrices() {
        assertThat(Diagnostics.spectralRadius(new DMatrixRMaj(3, 3))).isZero();
        assertThat(Diagnostics.largestSingularValue(new DMatrixRMaj(3, 3))).isZero();
        DMatrixRMaj wide = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, -4, 0}});
        assertThat(Diagnostics.spectralRadius(wide)).isNaN();
        assertRelative("norm of a wide matrix", Diagnostics.largestSingularValue(wide), 4, 1e-15);
        DMatrixRMaj infinite = CommonOps_DDRM.diag(1, Double.NEGATIVE_INFINITY);
        assertThat(Diagnostics.spectralRadius(infinite)).isNaN();
        assertThat(Diagnostics.largestSingularValue(infinite)).isEqualTo(Double.POSITIVE_INFINITY);
        DMatrixRMaj nan = CommonOps_DDRM.diag(1, Double.NaN);
        assertThat(Diagnostics.spectralRadius(nan)).isNaN();
        assertThat(Diagnostics.largestSingularValue(nan)).isNaN();
    }

    @Test
    void everyRecurrentMatrixOfAModelUnderItsStateDictName() {
        Registries toy = Registries.of(Map.of(PluginKind.CELL, List.of(new ToyCellType())));
        Model model = Model.uninitialized(ModelSpec.builder(2).layer(LayerSpec.of("toy", 2)).layer(LayerSpec.of("toy", 3))
                .output(1, Loss.MSE, ReadAt.LAST).build(), toy);
        DiagnosticsChecks.randomize(model, 4, 2);
        DMatrixRMaj r = rotation(0.3, 1.1);
        System.arraycopy(r.data, 0, model.namedParameters().get("rnn.weight_hh_l0").value().data, 0, 4);
        RecurrentSpectra spectra = Diagnostics.recurrentSpectra(model);
        assertThat(spectra.blocks()).extracting(RecurrentSpectra.Block::name).containsExactly("rnn.weight_hh_l0", "rnn.weight_hh_l1");
        RecurrentSpectra.Block first = spectra.block("rnn.weight_hh_l0");
        assertThat(first.layer()).isZero();
        assertThat(first.vector()).isFalse();
        assertRelative("radius", first.spectralRadius(), 1.1, 1e-14);
        assertRelative("norm", first.largestSingularValue(), 1.1, 1e-14);
        RecurrentSpectra.Block second = spectra.blocks().get(1);
        assertThat(second.layer()).isEqualTo(1);
        assertThat(second.rows()).isEqualTo(3);
        assertThat(second.cols()).isEqualTo(3);
        DMatrixRMaj w = model.namedParameters().get("rnn.weight_hh_l1").value();
        assertRelative("radius", second.spectralRadius(), ejmlRadius(w), 1e-12);
        assertRelative("norm", second.largestSingularValue(), NormOps_DDRM.normP2(w), 1e-12);
    }
}
