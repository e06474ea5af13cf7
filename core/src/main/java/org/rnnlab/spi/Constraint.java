package org.rnnlab.spi;

import java.util.List;

/**
 * A rule applied to parameter values after every update, such as IndRNN's bound on the recurrent
 * weights (Li et al. 2018 clamp |u| to 2^(1/T)). A configured constraint is stateless.
 */
public interface Constraint extends Plugin<Constraint> {

    /**
     * Enforces the rule.
     *
     * @param parameters every trainable tensor of the model; values Modified, gradients Not modified
     * @return the number of values changed, for diagnostics
     */
    long apply(List<Parameter> parameters);
}
