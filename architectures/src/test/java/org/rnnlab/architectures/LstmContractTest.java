package org.rnnlab.architectures;

import java.util.List;
import java.util.Map;
import org.rnnlab.testkit.CellContractTest;

/**
 * The cell contract for the LSTMs, at the defaults and with other activations. Only activations
 * with a continuous second derivative qualify: the five-point difference quotient errs by about
 * 1e-5 where a pre-activation lies within 2e-4 of a jump in f'' (softsign and elu at 0, seen with
 * softsign as the cell activation of {@code lstm_noforget}), let alone of a kink in f'
 * (hard_sigmoid, relu). Tanh gates take negative values, which sigmoid gates never do.
 */
abstract class LstmContractTest extends CellContractTest {

    @Override
    protected List<Map<String, Object>> configurations() {
        return List.of(
                Map.of(),
                Map.of("cellActivation", "softplus"),
                Map.of("gateActivation", "tanh", "cellActivation", "sigmoid"));
    }
}
