package org.rnnlab.initializers;

import java.util.List;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Initializer;

/**
 * The base of this package's initializers. Subclasses with parameters override {@code configure}
 * to return a new instance built from the values.
 */
abstract class AbstractInitializer extends AbstractPlugin<Initializer> implements Initializer {

    AbstractInitializer(String name, String description, List<ParamSpec> parameters, Params params) {
        super(name, description, parameters, params);
    }
}
