package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.params.PluginRef;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * Small parameter sets for tests of gradient transforms and optimizers, and the exact reference
 * values those tests compare with.
 */
public final class ParameterFixtures {
    private ParameterFixtures() {
    }

    /** A [rows x cols] matrix parameter with the given values and gradient, row-major. */
    public static Parameter matrix(String name, ParameterRole role, int rows, int cols, double[] value, double[] gradient) {
        return fill(Parameter.matrix(name, role, 1, rows, cols, PluginRef.of("zeros")), value, gradient);
    }

    /** A vector parameter with the given values and gradient. */
    public static Parameter vector(String name, ParameterRole role, double[] value, double[] gradient) {
        return fill(Parameter.vector(name, role, 1, value.length, PluginRef.of("zeros")), value, gradient);
    }

    private static Parameter fill(Parameter p, double[] value, double[] gradient) {
        if (value.length != p.size() || gradient.length != p.size()) {
            throw new IllegalArgumentException(p + " has " + p.size() + " elements, found " + value.length
                    + " values and " + gradient.length + " gradient elements");
        }
        System.arraycopy(value, 0, p.value().data, 0, value.length);
        System.arraycopy(gradient, 0, p.gradient().data, 0, gradient.length);
        return p;
    }

    /**
     * An Elman layer's tensors in PyTorch's order and roles, {@code weight_ih} [4 x 3],
     * {@code weight_hh} [4 x 4] and {@code bias_hh} [4], with values uniform in [-1, 1) and gradients
     * of global L2 norm {@code gradientNorm} (to rounding), all drawn from {@code seed}.
     */
    public static List<Parameter> layer(long seed, double gradientNorm) {
        RandomGenerator random = new RandomStreams(seed).stream("fixture");
        List<Parameter> parameters = List.of(
                Parameter.matrix("weight_ih", ParameterRole.INPUT_WEIGHT, 1, 4, 3, PluginRef.of("zeros")),
                Parameter.matrix("weight_hh", ParameterRole.RECURRENT_WEIGHT, 1, 4, 4, PluginRef.of("zeros")),
                Parameter.vector("bias_hh", ParameterRole.BIAS, 1, 4, PluginRef.of("zeros")));
        for (Parameter p : parameters) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data[i] = 2 * random.nextDouble() - 1;
                p.gradient().data[i] = random.nextGaussian();
            }
        }
        // Scaling by the ratio of two doubles keeps norms as small as 1e-300 and as large as 1e300 reachable.
        double scale = gradientNorm / exactNorm(gradients(parameters));
        for (Parameter p : parameters) {
            for (int i = 0; i < p.size(); i++) {
                p.gradient().data[i] *= scale;
            }
        }
        return parameters;
    }

    /** Copies of every parameter's values, in list order. */
    public static double[][] values(List<Parameter> parameters) {
        double[][] copy = new double[parameters.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = parameters.get(i).value().data.clone();
        }
        return copy;
    }

    /** Copies of every parameter's gradient, in list order. */
    public static double[][] gradients(List<Parameter> parameters) {
        double[][] copy = new double[parameters.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = parameters.get(i).gradient().data.clone();
        }
        return copy;
    }

    /** Sets every gradient element to {@code value}. */
    public static void setGradients(List<Parameter> parameters, double value) {
        for (Parameter p : parameters) {
            Arrays.fill(p.gradient().data, value);
        }
    }

    /**
     * Fails unless {@code actual} and {@code expected} hold the same doubles bit for bit (so NaN
     * matches NaN, and 0.0 does not match -0.0), naming the first element that differs.
     *
     * @param what what the arrays are, for the message: "gradients after 3 updates"
     * @param names the name of each array, for the message; the parameters' names
     */
    public static void assertBitIdentical(String what, List<Parameter> names, double[][] actual, double[][] expected) {
        assertThat(actual.length).as("%s: number of tensors", what).isEqualTo(expected.length);
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k].length).as("%s: size of %s", what, names.get(k).name()).isEqualTo(expected[k].length);
            for (int i = 0; i < expected[k].length; i++) {
                if (Double.doubleToRawLongBits(actual[k][i]) != Double.doubleToRawLongBits(expected[k][i])) {
                    fail(what + ": element " + i + " of " + names.get(k).name() + " is " + actual[k][i]
                            + ", expected " + expected[k][i]);
                }
            }
        }
    }

    /**
     * sqrt(sum of x^2) over every array, computed in exact decimal arithmetic and rounded once, so it
     * neither overflows, underflows nor accumulates rounding: the reference a norm is checked against.
     * NaN if any element is NaN, else +Infinity if any is infinite.
     */
    public static double exactNorm(double[][] tensors) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean infinite = false;
        for (double[] t : tensors) {
            for (double x : t) {
                if (Double.isNaN(x)) {
                    return Double.NaN;
                }
                if (Double.isInfinite(x)) {
                    infinite = true;
                    continue;
                }
                BigDecimal d = new BigDecimal(x);
                sum = sum.add(d.multiply(d));
            }
        }
        return infinite ? Double.POSITIVE_INFINITY : sum.sqrt(MathContext.DECIMAL128).doubleValue();
    }
}
