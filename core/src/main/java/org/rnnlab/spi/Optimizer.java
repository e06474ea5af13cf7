package org.rnnlab.spi;

import java.util.List;

/**
 * An update rule (SGD, Adam, ...). The configured plugin is immutable; per-run state such as
 * moments lives in the {@link Updater} it creates for one set of parameters.
 */
public interface Optimizer extends Plugin<Optimizer> {

    /** The base learning rate from this optimizer's parameters; schedules scale it. */
    double learningRate();

    /** Fresh state (zero moments, zero steps) for these parameters. */
    Updater newUpdater(List<Parameter> parameters);

    /** An optimizer bound to a set of parameters, with its state. */
    interface Updater {
        /**
         * Applies one update to every parameter's value from its gradient. Gradients are Not modified.
         *
         * @param learningRate the rate for this update (the base rate after any schedule)
         */
        void update(double learningRate);
    }
}
