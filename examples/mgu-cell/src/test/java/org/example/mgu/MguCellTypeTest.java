package org.example.mgu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.testkit.CellContractTest;

class MguCellTypeTest extends CellContractTest {

    @Override
    protected CellType createCellType() {
        return new MguCellType();
    }

    /** The contract checks that forward and backward agree; this checks that forward is the paper's. */
    @Test
    void oneStepFollowsThePapersEquations() {
        Cell cell = cells().get(0);
        double[][] x = {{0.3, -0.7, 0.2}, {-0.1, 0.5, 0.9}};
        double[][] h = {{0.1, -0.2, 0.4, -0.5}, {0.6, 0.0, -0.3, 0.2}};
        DMatrixRMaj[] next = {new DMatrixRMaj(2, 4)};
        cell.forward(new DMatrixRMaj(x), new DMatrixRMaj[] {new DMatrixRMaj(h)}, next, new DMatrixRMaj(2, 4),
                cell.newStepCache(2));
        double[][] wif = value(cell, 0);
        double[][] whf = value(cell, 1);
        double[][] bf = value(cell, 2);
        double[][] wic = value(cell, 3);
        double[][] whc = value(cell, 4);
        double[][] bc = value(cell, 5);
        for (int b = 0; b < 2; b++) {
            double[] f = new double[4];
            for (int j = 0; j < 4; j++) {
                double z = bf[j][0];
                for (int k = 0; k < 3; k++) {
                    z += wif[j][k] * x[b][k];
                }
                for (int k = 0; k < 4; k++) {
                    z += whf[j][k] * h[b][k];
                }
                f[j] = 1 / (1 + Math.exp(-z));
            }
            for (int j = 0; j < 4; j++) {
                double z = bc[j][0];
                for (int k = 0; k < 3; k++) {
                    z += wic[j][k] * x[b][k];
                }
                for (int k = 0; k < 4; k++) {
                    z += whc[j][k] * f[k] * h[b][k];
                }
                double expected = (1 - f[j]) * h[b][j] + f[j] * Math.tanh(z);
                assertThat(next[0].get(b, j)).as("h'[%d][%d]", b, j).isCloseTo(expected, within(1e-15));
            }
        }
    }

    private static double[][] value(Cell cell, int parameter) {
        DMatrixRMaj m = cell.parameters().get(parameter).value();
        double[][] rows = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                rows[r][c] = m.get(r, c);
            }
        }
        return rows;
    }
}
