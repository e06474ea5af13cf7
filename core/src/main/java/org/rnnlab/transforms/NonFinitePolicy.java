package org.rnnlab.transforms;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.Norms;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.DivergedException;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.spi.TransformReport;

/**
 * {@code non_finite}: what happens to an update whose gradients hold NaN or infinite values.
 *
 * <p>It acts when the global L2 norm of all gradients is NaN or infinite (the norm is computed
 * without overflow, see {@link Norms}, so this means some element is NaN or infinite, or the
 * gradients are of order 1e308), and, for policy {@code pascanu} only, also when the norm is above
 * {@code threshold}. Otherwise it changes nothing. Then, by {@code policy}:
 * <ul>
 *   <li>{@code fail} (the default) throws {@link DivergedException} naming the update and the first
 *       parameter, in list order, whose gradient holds a non-finite element, with the first such
 *       element's position and value:
 *       {@code Gradient of weight_hh is not finite at update 17 (found NaN at [2, 0]); the run diverged}.
 *       If every element is finite but the norm overflows, the parameter with the largest gradient
 *       norm is named: {@code Gradient norm is not finite at update 17 (finite gradients whose norm
 *       overflows, largest in weight_hh); the run diverged}.
 *   <li>{@code skip} changes nothing and reports {@code skipUpdate}: the trainer drops the update
 *       (the optimizer does not step) and counts it. {@code fired} is false, as no gradient changed.
 *   <li>{@code pascanu} sets the gradient of every {@link ParameterRole#RECURRENT_WEIGHT} parameter
 *       to {@code factor} times its value and every other gradient to zero, so the update that
 *       follows shrinks the recurrent weights, W_hh <- W_hh - lr factor W_hh, and leaves the rest.
 * </ul>
 *
 * <p>The {@code pascanu} policy is the fallback of the code released with R. Pascanu, T. Mikolov,
 * Y. Bengio, "On the difficulty of training recurrent neural networks", ICML 2013: when a gradient
 * explodes beyond repair, shrinking W_hh lowers its spectral radius, the cause of the explosion
 * (Section 2 of the paper), instead of stepping in a meaningless direction.
 * {@code threshold} and {@code factor} are read only by that policy.
 */
public final class NonFinitePolicy extends AbstractTransform {
    private static final List<ParamSpec> SPECS = List.of(
            ParamSpec.ofChoice("policy", "fail", List.of("fail", "skip", "pascanu"),
                    "on a non-finite gradient: stop the run, drop the update, or shrink the recurrent weights"),
            ParamSpec.ofDouble("threshold", 1e10, Range.greaterThan(0),
                    "pascanu only: a finite global gradient norm above this also triggers the fallback"),
            ParamSpec.ofDouble("factor", 0.02, Range.atLeast(0),
                    "pascanu only: a recurrent weight's gradient becomes factor times the weight"));

    private final Policy policy;
    private final double threshold;
    private final double factor;

    /** At the defaults: policy fail. */
    public NonFinitePolicy() {
        this(Params.of(SPECS, Map.of()));
    }

    private NonFinitePolicy(Params params) {
        super("non_finite",
                "On a NaN or infinite gradient: stop the run, skip the update, or shrink the recurrent weights",
                SPECS, params);
        this.policy = Policy.valueOf(params.getChoice("policy").toUpperCase(Locale.ROOT));
        this.threshold = params.getDouble("threshold");
        this.factor = params.getDouble("factor");
    }

    @Override
    public NonFinitePolicy configure(Params params) {
        return new NonFinitePolicy(params);
    }

    @Override
    public TransformReport apply(List<Parameter> parameters, long update) {
        double norm = Norms.global(parameters);
        boolean finite = Double.isFinite(norm);
        if (finite && !(policy == Policy.PASCANU && norm > threshold)) {
            return TransformReport.unchanged(name(), norm);
        }
        Finding finding = finite ? null : Finding.of(parameters);
        if (policy == Policy.FAIL) {
            throw new DivergedException(update, finding.parameter().name(), finding.message(update));
        }
        String cause = finite ? "gradient norm " + norm + " is above threshold " + threshold : finding.describe();
        if (policy == Policy.SKIP) {
            return new TransformReport(name(), norm, norm, false, true, cause + "; update skipped");
        }
        for (Parameter p : parameters) {
            if (p.role() == ParameterRole.RECURRENT_WEIGHT) {
                Kernels.copy(p.value(), p.gradient());
                Kernels.scale(factor, p.gradient());
            } else {
                Kernels.zero(p.gradient());
            }
        }
        return new TransformReport(name(), norm, Norms.global(parameters), true, false,
                cause + "; recurrent gradients set to " + factor + " x weights, others to 0");
    }

    private enum Policy {
        FAIL, SKIP, PASCANU
    }

    /**
     * Where a non-finite global norm comes from: the first non-finite element, in parameter order and
     * then row-major order, or, if every element is finite, the parameter with the largest norm.
     *
     * @param index the element's position in row-major order, or -1 if the norm merely overflows
     */
    private record Finding(Parameter parameter, int index, double value) {

        static Finding of(List<Parameter> parameters) {
            Parameter largest = null;
            double largestNorm = -1;
            for (Parameter p : parameters) {
                double[] g = p.gradient().data;
                for (int i = 0, n = p.size(); i < n; i++) {
                    if (!Double.isFinite(g[i])) {
                        return new Finding(p, i, g[i]);
                    }
                }
                double norm = Norms.of(p.gradient());
                if (norm > largestNorm) {
                    largest = p;
                    largestNorm = norm;
                }
            }
            if (largest == null) {
                throw new IllegalArgumentException("A gradient norm cannot be non-finite without parameters");
            }
            return new Finding(largest, -1, largestNorm);
        }

        /** For a report: "gradient of weight_hh is not finite (found NaN at [2, 0])". */
        String describe() {
            return subject("gradient") + " is not finite (" + found() + ")";
        }

        /** For the exception: the same sentence with the update, and the verdict. */
        String message(long update) {
            return subject("Gradient") + " is not finite at update " + update + " (" + found() + "); the run diverged";
        }

        private String subject(String gradient) {
            return index < 0 ? gradient + " norm" : gradient + " of " + parameter.name();
        }

        private String found() {
            if (index < 0) {
                return "finite gradients whose norm overflows, largest in " + parameter.name();
            }
            return "found " + value + " at " + position();
        }

        private String position() {
            if (parameter.isVector()) {
                return "[" + index + "]";
            }
            int cols = parameter.shape()[1];
            return "[" + index / cols + ", " + index % cols + "]";
        }
    }
}
