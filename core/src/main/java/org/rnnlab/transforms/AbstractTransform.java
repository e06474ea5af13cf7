package org.rnnlab.transforms;

import java.util.List;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.GradientTransform;

/**
 * The base of this package's transforms. Subclasses override {@code configure} to return a new
 * instance built from the values.
 */
abstract class AbstractTransform extends AbstractPlugin<GradientTransform> implements GradientTransform {

    AbstractTransform(String name, String description, List<ParamSpec> parameters, Params params) {
        super(name, description, parameters, params);
    }
}
