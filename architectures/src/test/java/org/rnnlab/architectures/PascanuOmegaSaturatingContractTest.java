package org.rnnlab.architectures;

import java.util.List;
import org.rnnlab.model.ReadAt;

/**
 * Ω under the regularizer contract for the activations whose derivative vanishes on one side (relu)
 * or on both (sigmoid), with the loss read at the last step only, so that δ_t of early steps comes
 * from the recurrence alone.
 */
class PascanuOmegaSaturatingContractTest extends PascanuOmegaContractTest {

    @Override
    protected List<String> activations() {
        return List.of("relu", "sigmoid");
    }

    @Override
    protected ReadAt readAt() {
        return ReadAt.LAST;
    }
}
