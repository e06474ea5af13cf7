package org.rnnlab.constraints;

import java.util.List;
import java.util.Map;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Constraint;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * Clamps every value of the parameters in one role to [-limit, limit]. With role {@code recurrent}
 * it is the bound Li et al. 2018 (IndRNN) put on the recurrent weight vector u, |u| <= 2^(1/T) for
 * gradients that neither vanish nor explode over T steps.
 */
public final class Clamp extends AbstractPlugin<Constraint> implements Constraint {
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.ofDouble("limit", 1.0, Range.greaterThan(0), "largest allowed absolute value"),
            ParamSpec.ofChoice("role", "recurrent", List.of("recurrent", "input", "bias", "other", "all"),
                    "which parameters: by role, or all"));

    private final double limit;
    private final ParameterRole role;

    public Clamp() {
        this(Params.of(PARAMETERS, Map.of()));
    }

    private Clamp(Params params) {
        super("clamp", "Clamp the parameters of one role to [-limit, limit] after each update (IndRNN's bound)",
                PARAMETERS, params);
        this.limit = params.getDouble("limit");
        this.role = switch (params.getChoice("role")) {
            case "recurrent" -> ParameterRole.RECURRENT_WEIGHT;
            case "input" -> ParameterRole.INPUT_WEIGHT;
            case "bias" -> ParameterRole.BIAS;
            case "other" -> ParameterRole.OTHER;
            default -> null;
        };
    }

    @Override
    public Constraint configure(Params p) {
        return new Clamp(p);
    }

    @Override
    public long apply(List<Parameter> parameters) {
        long changed = 0;
        for (Parameter p : parameters) {
            if (role != null && p.role() != role) {
                continue;
            }
            double[] d = p.value().data;
            for (int i = 0, n = p.size(); i < n; i++) {
                double v = d[i];
                if (v > limit) {
                    d[i] = limit;
                    changed++;
                } else if (v < -limit) {
                    d[i] = -limit;
                    changed++;
                }
            }
        }
        return changed;
    }
}
