package org.rnnlab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.StepCache;

/**
 * A cell type for tests that wraps another and, after step t of a forward pass, adds a perturbation
 * d_t to each state tensor (to h, and to the output too when the output is h), so that the
 * derivative of the loss in d_t, by central differences, is the whole gradient of that state after
 * t + 1 steps: through the recurrence and through the output alike. With every d_t zero the cell computes exactly what the wrapped one does; backward is
 * the wrapped one's, right only at d = 0.
 *
 * <p>Steps are told apart by their caches: {@link org.rnnlab.engine.RecurrentLayer} creates one per
 * step, in step order, whenever it resizes, so cache number n serves step n mod T.
 */
public final class PerturbedCellType implements CellType {
    private final CellType inner;
    private final int steps;
    private final List<PerturbedCell> created = new ArrayList<>();

    /** @param steps T, the length of every batch the cells will see */
    public PerturbedCellType(CellType inner, int steps) {
        this.inner = inner;
        this.steps = steps;
    }

    @Override
    public String name() {
        return "perturbed";
    }

    @Override
    public String description() {
        return "Test wrapper: adds a perturbation to h after every step";
    }

    @Override
    public Cell create(int inputSize, int hiddenSize) {
        PerturbedCell cell = new PerturbedCell(inner.create(inputSize, hiddenSize));
        created.add(cell);
        return cell;
    }

    /** The cells created so far, in order: for a model, layer k's is number k. */
    public List<PerturbedCell> cells() {
        return created;
    }

    private record Cache(int step, StepCache inner) implements StepCache {
    }

    /** One wrapped cell; {@link #perturbation} gives the d_t to set. */
    public final class PerturbedCell implements Cell {
        private final Cell cell;
        /** perturbations[i][t] for state i; null until one is asked for. */
        private DMatrixRMaj[][] perturbations;
        private int caches;

        PerturbedCell(Cell cell) {
            this.cell = cell;
        }

        /** d_t of state {@code state}, [batch x width], added after step t (0-based): zero until written. */
        public DMatrixRMaj perturbation(int state, int t, int batch) {
            if (perturbations == null || perturbations[0][0].numRows != batch) {
                perturbations = new DMatrixRMaj[cell.stateNames().size()][steps];
                for (int i = 0; i < perturbations.length; i++) {
                    for (int s = 0; s < steps; s++) {
                        perturbations[i][s] = new DMatrixRMaj(batch, cell.stateSize(i));
                    }
                }
            }
            return perturbations[state][t];
        }

        @Override
        public int inputSize() {
            return cell.inputSize();
        }

        @Override
        public int hiddenSize() {
            return cell.hiddenSize();
        }

        @Override
        public int outputSize() {
            return cell.outputSize();
        }

        @Override
        public boolean outputIsState() {
            return cell.outputIsState();
        }

        @Override
        public List<String> stateNames() {
            return cell.stateNames();
        }

        @Override
        public int stateSize(int i) {
            return cell.stateSize(i);
        }

        @Override
        public List<Parameter> parameters() {
            return cell.parameters();
        }

        @Override
        public StepCache newStepCache(int batch) {
            return new Cache(caches++ % steps, cell.newStepCache(batch));
        }

        @Override
        public void forward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, DMatrixRMaj output, StepCache cache) {
            Cache c = (Cache) cache;
            cell.forward(x, prev, next, output, c.inner());
            if (perturbations != null && perturbations[0][0].numRows == x.numRows) {
                for (int i = 0; i < perturbations.length; i++) {
                    Kernels.addScaled(1.0, perturbations[i][c.step()], next[i]);
                }
                if (cell.outputIsState()) {
                    Kernels.addScaled(1.0, perturbations[0][c.step()], output);
                }
            }
        }

        @Override
        public void backward(DMatrixRMaj x, DMatrixRMaj[] prev, DMatrixRMaj[] next, StepCache cache,
                DMatrixRMaj dOutput, DMatrixRMaj[] dNext, DMatrixRMaj dx, DMatrixRMaj[] dPrev) {
            cell.backward(x, prev, next, ((Cache) cache).inner(), dOutput, dNext, dx, dPrev);
        }
    }
}
