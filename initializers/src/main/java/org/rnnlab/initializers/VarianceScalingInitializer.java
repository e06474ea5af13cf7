package org.rnnlab.initializers;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.InitContext;

/**
 * Independent zero-mean draws whose variance comes from the tensor's fans: the Glorot and He rules,
 * each with a uniform and a normal distribution. The four plugins differ only in {@link Rule} and
 * {@link Distribution}.
 *
 * <p>Fans are those of the whole tensor, as PyTorch's {@code nn.init} computes them for a 2-D weight:
 * fan_in = columns, fan_out = rows. A gated [4H x H] tensor therefore has fan_out 4H, not H. A uniform
 * draw on [-b, b) with b = sqrt(3) std has the same variance as the normal draw with that std.
 */
abstract class VarianceScalingInitializer extends AbstractInitializer {

    /** How the standard deviation follows from the parameters and fans. */
    enum Rule {
        /** std = gain sqrt(2 / (fan_in + fan_out)). */
        GLOROT(List.of(ParamSpec.ofDouble("gain", 1.0, Range.greaterThan(0), "factor applied to the standard deviation"))) {
            @Override
            double std(Params params, int fanIn, int fanOut) {
                return params.getDouble("gain") * Math.sqrt(2.0 / (fanIn + fanOut));
            }
        },
        /** std = sqrt(2 / (1 + a^2)) / sqrt(fan), fan = fan_in or fan_out as {@code mode} says. */
        HE(List.of(
                ParamSpec.ofChoice("mode", "fan_in", List.of("fan_in", "fan_out"),
                        "fan_in preserves the variance of activations, fan_out that of gradients"),
                ParamSpec.ofDouble("negativeSlope", 0.0, Range.atLeast(0),
                        "slope a of the leaky ReLU for negative inputs; 0 for ReLU"))) {
            @Override
            double std(Params params, int fanIn, int fanOut) {
                double a = params.getDouble("negativeSlope");
                double gain = Math.sqrt(2.0 / (1 + a * a));
                int fan = "fan_in".equals(params.getChoice("mode")) ? fanIn : fanOut;
                return gain / Math.sqrt(fan);
            }
        };

        private final List<ParamSpec> parameters;
        private final Params defaults;

        Rule(List<ParamSpec> parameters) {
            this.parameters = parameters;
            this.defaults = Params.of(parameters, Map.of());
        }

        List<ParamSpec> parameters() {
            return parameters;
        }

        Params defaults() {
            return defaults;
        }

        abstract double std(Params params, int fanIn, int fanOut);
    }

    /** The shape of the draws. */
    enum Distribution {
        UNIFORM,
        NORMAL
    }

    private final Rule rule;
    private final Distribution distribution;

    VarianceScalingInitializer(String name, String description, Rule rule, Distribution distribution, Params params) {
        super(name, description, rule.parameters(), params);
        this.rule = rule;
        this.distribution = distribution;
    }

    @Override
    public final void initialize(DMatrixRMaj target, InitContext context, RandomGenerator random) {
        InitializerSupport.refuseVector(name(), target, context);
        double std = rule.std(params(), target.numCols, target.numRows);
        if (distribution == Distribution.UNIFORM) {
            double bound = Math.sqrt(3) * std;
            InitializerSupport.fillUniform(target, -bound, bound, random);
        } else {
            InitializerSupport.fillNormal(target, 0, std, random);
        }
    }
}
