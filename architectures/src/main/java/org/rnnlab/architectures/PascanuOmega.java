package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.Regularizer;

/**
 * The vanishing-gradient regularizer of Pascanu, Mikolov, Bengio 2013, "On the difficulty of
 * training recurrent neural networks", ICML, Eq. 9-10: it pushes each step's Jacobian to preserve
 * the norm of the gradient travelling back through it.
 *
 * <p>For layer l with δ_t = dL/dh_t the whole gradient of h_t from BPTT (the recurrent part plus the
 * output's, as {@link org.rnnlab.diagnostics.Diagnostics#gradientFlow} assembles it) and the Elman
 * step h_t = f(z_t), z_t = x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh (PyTorch's layout, row vectors):
 * <pre>
 *   a_t = δ_t ⊙ f'(z_t),   v_t = a_t W_hh  (= δ_t dh_t/dh_{t-1}),   r_t = ||v_t||² / ||δ_t||²
 *   Ω_b = (1 / |K_b|) Σ_{t ∈ K_b} (r_t - 1)²        Ω = Σ_layers (1 / B) Σ_b Ω_b
 *   dΩ_b/dW_hh = (1 / |K_b|) Σ_{t ∈ K_b} 2 (r_t - 1) · 2 a_tᵀ v_t / ||δ_t||²
 * </pre>
 * where K_b holds the steps t = 1..length_b of sequence b with ||δ_t||² &gt;= {@value #MIN_DELTA_SQUARED}
 * (steps past a sequence's end, or whose gradient has vanished to nothing, contribute nothing; a
 * sequence without such steps contributes 0 and still counts in B). Squared norms are used, as
 * the brief for this implementation specifies; the paper's Eq. 9 writes the ratio of norms, which
 * is 1 exactly when this one is. As in the paper, δ and the states (hence f'(z)) are held constant:
 * only the recurrent weights receive a gradient, α dΩ/dW_hh added to every layer's {@code weight_hh}
 * gradient, each layer on its own δ.
 *
 * <p>Parameter {@code alpha} (default 1, a neutral choice: the weight is tuned per task in the
 * paper). {@link #addGradient} returns α Ω. Only the {@code rnn} cell is supported, with any
 * activation; a spec naming another cell is refused by {@link #checkModel}.
 */
public final class PascanuOmega extends AbstractPlugin<Regularizer> implements Regularizer {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("alpha", 1.0, Range.atLeast(0), "the weight of Omega in the loss"));
    /** Steps whose ||δ||² is below this contribute nothing: r would be 0/0 there. */
    public static final double MIN_DELTA_SQUARED = 1e-20;
    private static final String SUPPORTED = "rnn";

    public PascanuOmega() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private PascanuOmega(Params params) {
        super("pascanu_omega", "Pascanu et al. 2013's Omega: keeps ||dL/dh_t dh_t/dh_t-1|| near ||dL/dh_t|| (rnn cells)",
                PARAMETERS, params);
    }

    @Override
    public Regularizer configure(Params p) {
        return new PascanuOmega(p);
    }

    /** The weight α. */
    public double alpha() {
        return params().getDouble("alpha");
    }

    @Override
    public void checkModel(ModelSpec spec, String path, List<String> problems) {
        for (int k = 0; k < spec.layers().size(); k++) {
            String cell = spec.layers().get(k).cell();
            if (!SUPPORTED.equals(cell)) {
                problems.add(refusal(path, "model.layers[" + k + "].cell", cell));
            }
        }
    }

    private String refusal(String path, String where, String cell) {
        return path + ": " + name() + " supports only the " + SUPPORTED + " cell, found " + cell + " at " + where
                + "; use cell " + SUPPORTED + " or drop the regularizer";
    }

    @Override
    public double addGradient(Bptt bptt, long update) {
        Batch batch = bptt.batch();
        if (batch == null) {
            throw new IllegalStateException(name() + " needs a Bptt after a backward pass; this one has run none");
        }
        List<Cell> cells = bptt.model().cells();
        double alpha = alpha();
        double omega = 0;
        for (int l = 0; l < cells.size(); l++) {
            Activation f = RnnCellType.activationOf(cells.get(l));
            if (f == null) {
                throw new IllegalStateException(refusal("regularizer", "layer " + l, cells.get(l).getClass().getSimpleName()));
            }
            omega += layer(bptt, l, f, alpha);
        }
        return alpha * omega;
    }

    /** Ω of layer l; adds α dΩ/dW_hh into its weight_hh gradient. */
    private static double layer(Bptt bptt, int l, Activation f, double alpha) {
        RecurrentLayer layer = bptt.layer(l);
        Cell cell = layer.cell();
        Parameter weightIh = parameter(cell, "weight_ih");
        Parameter weightHh = parameter(cell, "weight_hh");
        Parameter biasIh = parameter(cell, "bias_ih");
        Parameter biasHh = parameter(cell, "bias_hh");
        int batch = layer.batch();
        int steps = layer.steps();
        int hidden = cell.hiddenSize();
        boolean top = l == bptt.model().cells().size() - 1;

        DMatrixRMaj delta = new DMatrixRMaj(batch, hidden);
        DMatrixRMaj z = new DMatrixRMaj(batch, hidden);
        DMatrixRMaj a = new DMatrixRMaj(batch, hidden);
        DMatrixRMaj v = new DMatrixRMaj(batch, hidden);
        DMatrixRMaj gradient = new DMatrixRMaj(hidden, hidden);
        double[][] deltaSquared = new double[steps + 1][batch];
        int[] counted = new int[batch];

        // First pass: which steps count, so that each sequence's terms can be averaged as they are added.
        for (int t = 1; t <= steps; t++) {
            wholeGradient(bptt, layer, l, top, t, delta);
            for (int b = 0; b < batch; b++) {
                double n2 = t <= layer.length(b) ? rowSquared(delta, b) : 0;
                deltaSquared[t][b] = n2;
                if (n2 >= MIN_DELTA_SQUARED) {
                    counted[b]++;
                }
            }
        }
        double omega = 0;
        for (int t = 1; t <= steps; t++) {
            wholeGradient(bptt, layer, l, top, t, delta);
            // z_t recomputed from the stored input and state, as the cell's forward computed it.
            Kernels.multTransB(layer.input(t - 1), weightIh.value(), z);
            Kernels.multAddTransB(layer.state(t - 1)[0], weightHh.value(), z);
            Kernels.addRowVector(biasIh.value(), z);
            Kernels.addRowVector(biasHh.value(), z);
            f.backward(z.data, layer.state(t)[0].data, delta.data, a.data, 0, batch * hidden);
            Kernels.mult(a, weightHh.value(), v);
            for (int b = 0; b < batch; b++) {
                double n2 = deltaSquared[t][b];
                int base = b * hidden;
                if (n2 < MIN_DELTA_SQUARED) {
                    java.util.Arrays.fill(v.data, base, base + hidden, 0.0);
                    continue;
                }
                double r = rowSquared(v, b) / n2;
                double weight = 1.0 / ((double) batch * counted[b]);
                omega += weight * (r - 1) * (r - 1);
                // Row b of v becomes its coefficient times v, so aᵀ v summed over rows is one product.
                double coefficient = weight * 4 * (r - 1) / n2;
                for (int j = base; j < base + hidden; j++) {
                    v.data[j] *= coefficient;
                }
            }
            Kernels.multAddTransA(a, v, gradient);
        }
        Kernels.addScaled(alpha, gradient, weightHh.gradient());
        return omega;
    }

    /** δ_t = dL/dh_t: the gradient through the recurrence plus that of output t-1, which is h_t itself. */
    private static void wholeGradient(Bptt bptt, RecurrentLayer layer, int l, boolean top, int t, DMatrixRMaj delta) {
        DMatrixRMaj output = top ? bptt.outputGradient(t - 1) : bptt.layer(l + 1).inputGradient(t - 1);
        Kernels.add(layer.stateGradient(t)[0], output, delta);
    }

    private static double rowSquared(DMatrixRMaj m, int row) {
        double sum = 0;
        for (int j = row * m.numCols, end = j + m.numCols; j < end; j++) {
            sum += m.data[j] * m.data[j];
        }
        return sum;
    }

    private static Parameter parameter(Cell cell, String name) {
        for (Parameter p : cell.parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("An rnn cell without " + name + ": " + cell.parameters());
    }
}
