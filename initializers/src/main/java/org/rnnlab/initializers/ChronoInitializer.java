package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;

/**
 * The chrono initialization of gate biases, from Tallec and Ollivier 2018 ("Can recurrent neural
 * networks warp time?", ICLR): a gate's bias sets the time constant of its unit, so drawing the
 * biases spreads the units' memory over the time scales up to {@code maxLength} (T_max), the
 * longest dependency the task is expected to have.
 *
 * <ul>
 *   <li>LSTM bias (gates named input, forget, cell, output, in any order): b_f = log(U[1, T_max - 1])
 *       element by element, b_i = -b_f, the cell and output blocks 0. A unit whose forget gate starts
 *       at sigmoid(b_f) = 1 - 1/(1 + e^b_f) keeps its cell for about 1 + e^b_f steps, between 2 and
 *       T_max.
 *   <li>GRU bias (gates named reset, update, new): in PyTorch's h' = (1 - z) n + z h the update gate
 *       z keeps the state as the LSTM's forget gate does, so b_z = log(U[1, T_max - 1]); the reset and
 *       new blocks 0. The input gate is tied to 1 - z, so there is no b_i to set.
 * </ul>
 *
 * <p>Cells in PyTorch's layout have two bias vectors, {@code bias_ih} and {@code bias_hh}, that add
 * up before every gate. Chrono fills the gates as above in a parameter whose name does not end in
 * {@code _hh} ({@code bias_ih}), and fills {@code bias_hh} (any name ending in {@code _hh}) with zeros,
 * so their sum is the chrono bias. Naming it for the role ({@code "bias": "chrono"}) thus does the
 * right thing for both.
 *
 * <p>Blocks are found by their names ({@link InitContext#gateNames()}), not by position, and a tensor
 * without the LSTM's or GRU's gate names is refused: a weight matrix, an ungated bias, one gate block
 * initialized on its own, or a cell whose gates mean something else under other names.
 *
 * <p>The equations above are those of the paper's abstract and of the reference implementations
 * as widely used; the paper's full text could not be consulted when this was written.
 */
public final class ChronoInitializer extends AbstractInitializer {
    static final String NAME = "chrono";
    static final List<String> LSTM_GATES = List.of("input", "forget", "cell", "output");
    static final List<String> GRU_GATES = List.of("reset", "update", "new");
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofInt("maxLength", 100, Range.greaterThan(2),
                    "T_max, the longest dependency in steps the gates should start able to keep; > 2"));
    private static final Params DEFAULTS = Params.of(PARAMETERS, Map.of());

    private final int maxLength;

    /** The plugin at its defaults: T_max = 100. */
    public ChronoInitializer() {
        this(DEFAULTS);
    }

    private ChronoInitializer(Params params) {
        super(NAME, "gate biases of LSTM and GRU: forget (update) gate log(U[1, maxLength - 1]), input gate its negative,"
                + " others and bias_hh 0", PARAMETERS, params);
        this.maxLength = params.getInt("maxLength");
    }

    @Override
    public Initializer configure(Params params) {
        return new ChronoInitializer(params);
    }

    @Override
    public void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        boolean lstm = hasExactly(context.gateNames(), LSTM_GATES);
        boolean gru = hasExactly(context.gateNames(), GRU_GATES);
        if (!context.vector() || !(lstm || gru)) {
            throw new IllegalArgumentException(refusal(target, context));
        }
        int blockRows = InitializerSupport.blockRows(NAME, target, context);
        target.zero();
        if (context.parameter().endsWith("_hh")) {
            // The gates see bias_ih + bias_hh; bias_ih carries all of it.
            return;
        }
        int keep = lstm ? context.gateIndex("forget") : context.gateIndex("update");
        int input = lstm ? context.gateIndex("input") : -1;
        double width = maxLength - 2;
        for (int j = 0; j < blockRows; j++) {
            double bias = Math.log(1 + width * random.nextDouble());
            target.data[keep * blockRows + j] = bias;
            if (input >= 0) {
                target.data[input * blockRows + j] = -bias;
            }
        }
    }

    /** Whether {@code names} are {@code wanted} in some order. */
    private static boolean hasExactly(List<String> names, List<String> wanted) {
        return names.size() == wanted.size() && names.containsAll(wanted);
    }

    private static String refusal(DMatrixRMaj target, InitContext context) {
        String found = (context.vector() ? "a vector " : "a matrix ") + InitializerSupport.shapeOf(target, context)
                + (context.gateNames().isEmpty() ? " with no gate names" : " with gate names " + context.gateNames());
        String hint = "";
        if (context.vector() && context.gateNames().size() == 1) {
            hint = "; chrono sets several gates together, so give it the whole bias"
                    + " (init key \"bias\" or the parameter's name), not one gate";
        }
        return NAME + " needs a bias vector whose gate blocks are named " + LSTM_GATES + " (LSTM) or " + GRU_GATES
                + " (GRU), found " + found + hint;
    }
}
