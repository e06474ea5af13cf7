package org.rnnlab.registry;

import java.util.List;
import java.util.Objects;
import org.rnnlab.spi.Activation;
import org.rnnlab.spi.CellType;
import org.rnnlab.spi.Constraint;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Plugin;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.spi.Task;

/**
 * A kind of plugin: its SPI interface and the words a person reads for it.
 *
 * @param singular "activation", as in "unknown activation 'tahn'"
 * @param plural "activations", as in "known activations: ..."
 * @param type the SPI interface, the name of its {@code META-INF/services} file
 * @param <T> the SPI type
 */
public record PluginKind<T extends Plugin<T>>(String singular, String plural, Class<T> type) {

    public static final PluginKind<Activation> ACTIVATION =
            new PluginKind<>("activation", "activations", Activation.class);
    public static final PluginKind<Initializer> INITIALIZER =
            new PluginKind<>("initializer", "initializers", Initializer.class);
    public static final PluginKind<CellType> CELL =
            new PluginKind<>("cell", "cells", CellType.class);
    public static final PluginKind<GradientTransform> GRADIENT_TRANSFORM =
            new PluginKind<>("gradient transform", "gradient transforms", GradientTransform.class);
    public static final PluginKind<Optimizer> OPTIMIZER =
            new PluginKind<>("optimizer", "optimizers", Optimizer.class);

    public static final PluginKind<Constraint> CONSTRAINT =
            new PluginKind<>("constraint", "constraints", Constraint.class);

    public static final PluginKind<Regularizer> REGULARIZER =
            new PluginKind<>("regularizer", "regularizers", Regularizer.class);

    public static final PluginKind<Task> TASK = new PluginKind<>("task", "tasks", Task.class);

    /** Every kind rnnlab knows, in the order {@code rnnlab plugins} lists them. */
    public static final List<PluginKind<?>> ALL =
            List.of(ACTIVATION, INITIALIZER, CELL, GRADIENT_TRANSFORM, OPTIMIZER, CONSTRAINT, REGULARIZER, TASK);

    public PluginKind {
        Objects.requireNonNull(singular, "singular");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return plural;
    }
}
