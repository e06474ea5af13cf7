package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;
import org.rnnlab.spi.Activation;

/**
 * Runs {@link ActivationContractTest}'s checks against correct test-only activations, which pass
 * everything but discovery, and against broken ones, each of which some check must reject.
 */
class ActivationContractTestTest {

    /** A correct tanh; each broken variant below overrides one thing. Registered nowhere, on purpose. */
    static class ReferenceTanh implements Activation {
        @Override
        public String name() {
            return "test_tanh";
        }

        @Override
        public String description() {
            return "tanh, for testing the contract";
        }

        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1 - y * y;
        }

        @Override
        public boolean derivativeFromOutput() {
            return true;
        }

        @Override
        public double lowerBound() {
            return -1;
        }

        @Override
        public double upperBound() {
            return 1;
        }
    }

    /** tanh(gain x): a correct plugin with a parameter, to test what the contract says about params(). */
    static class GainTanh extends ReferenceTanh {
        static final List<ParamSpec> PARAMETERS =
                List.of(ParamSpec.ofDouble("gain", 1.0, Range.greaterThan(0), "multiplies x"));

        final Params params;
        final double gain;

        GainTanh() {
            this(Params.of(PARAMETERS, Map.of()));
        }

        GainTanh(Params params) {
            this.params = params;
            this.gain = params.getDouble("gain");
        }

        @Override
        public String name() {
            return "test_gain_tanh";
        }

        @Override
        public List<ParamSpec> parameters() {
            return PARAMETERS;
        }

        @Override
        public Activation configure(Params p) {
            return new GainTanh(p);
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        public double apply(double x) {
            return Math.tanh(gain * x);
        }

        @Override
        public double derivative(double x, double y) {
            return gain * (1 - y * y);
        }

        static Activation withGain(double gain) {
            return new GainTanh(Params.of(PARAMETERS, Map.of("gain", gain)));
        }
    }

    /** A correct relu, for the kink hook. */
    static class ReferenceRelu extends ReferenceTanh {
        @Override
        public String name() {
            return "test_relu";
        }

        @Override
        public double apply(double x) {
            return Math.max(x, 0);
        }

        @Override
        public double derivative(double x, double y) {
            return y > 0 ? 1 : 0;
        }

        @Override
        public double lowerBound() {
            return 0;
        }

        @Override
        public double upperBound() {
            return Double.POSITIVE_INFINITY;
        }
    }

    private static ActivationContractTest contractFor(Activation activation, double... kinks) {
        return contractFor(activation, List.of(), kinks);
    }

    private static ActivationContractTest contractFor(Activation activation, List<Activation> configurations,
            double... kinks) {
        return new ActivationContractTest() {
            @Override
            protected Activation createActivation() {
                return activation;
            }

            @Override
            protected List<Activation> configurations() {
                return configurations;
            }

            @Override
            protected double[] kinks() {
                return kinks.clone();
            }
        };
    }

    private static void assertFails(ThrowingCallable check, String messagePart) {
        assertThatThrownBy(check).isInstanceOf(AssertionError.class).hasMessageContaining(messagePart);
    }

    private static List<Method> checks() {
        return Arrays.stream(ActivationContractTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList();
    }

    /** A check is only worth having if some test below makes it fail; a new one must be added here. */
    @Test
    void everyCheckIsListed() {
        assertThat(checks()).extracting(Method::getName).containsExactlyInAnyOrder(
                "derivativeMatchesCentralDifferences",
                "finiteForFiniteInputs",
                "nanInputGivesNaN",
                "valuesWithinDeclaredBounds",
                "boundsAreApproached",
                "nonDecreasingIfDeclaredMonotonic",
                "derivativeFromOutputIgnoresInput",
                "applyOnArraysMatchesScalar",
                "applyOnArraysWorksInPlace",
                "backwardOnArraysMatchesScalar",
                "backwardOnArraysWorksInPlace",
                "backwardNeedsNoInputWhenDerivedFromOutput",
                "nameAndDescription",
                "defaultInstanceUsesDefaults",
                "configurationsRoundTrip",
                "discoveredByServiceLoader");
        assertThat(checks()).allMatch(m -> Modifier.isPublic(m.getModifiers()), "public, so subclasses anywhere run them");
    }

    /** When core adds a method to Activation, the contract must learn to check it. */
    @Test
    void everyActivationMethodIsKnownToTheContract() {
        Set<String> methods = Arrays.stream(Activation.class.getMethods())
                .map(m -> m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(methods).containsExactlyInAnyOrder(
                "name()", "description()", "parameters()", "check(Params, String, List)", "configure(Params)", "params()",
                "apply(double)", "derivative(double, double)", "derivativeFromOutput()",
                "lowerBound()", "upperBound()", "monotonic()",
                "apply(double[], double[], int, int)", "backward(double[], double[], double[], double[], int, int)");
    }

    @Test
    void correctActivationsPassEveryCheckButDiscovery() throws Exception {
        List<ActivationContractTest> contracts = List.of(
                contractFor(new ReferenceTanh()),
                contractFor(new GainTanh(), List.of(GainTanh.withGain(3), GainTanh.withGain(0.25))),
                contractFor(new ReferenceRelu(), 0));
        for (ActivationContractTest contract : contracts) {
            for (Method check : checks()) {
                ThrowingCallable run = () -> {
                    try {
                        check.invoke(contract);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                if (check.getName().equals("discoveredByServiceLoader")) {
                    assertFails(run, "META-INF/services/org.rnnlab.spi.Activation");
                } else {
                    assertThatCode(run).as(check.getName()).doesNotThrowAnyException();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.01, 0.99, 1.001, -1})
    void derivativeOffByAFactorFails(double factor) {
        Activation wrong = new ReferenceTanh() {
            @Override
            public double derivative(double x, double y) {
                return factor * (1 - y * y);
            }
        };
        assertFails(contractFor(wrong)::derivativeMatchesCentralDifferences, "f' disagrees with central differences");
    }

    @Test
    void derivativeWrongOnlyFarOutFails() {
        Activation wrong = new ReferenceRelu() {
            @Override
            public double derivative(double x, double y) {
                return y > 40 ? 0.99 : super.derivative(x, y);
            }
        };
        assertFails(contractFor(wrong, 0)::derivativeMatchesCentralDifferences, "x=4");
    }

    @Test
    void derivativeWrongOnlyNearZeroFails() {
        Activation wrong = new ReferenceTanh() {
            @Override
            public double derivative(double x, double y) {
                return Math.abs(y) < 1e-3 ? 0.99 : super.derivative(x, y);
            }
        };
        assertFails(contractFor(wrong)::derivativeMatchesCentralDifferences, "f' disagrees");
    }

    @Test
    void undeclaredKinkFails() {
        assertFails(contractFor(new ReferenceRelu())::derivativeMatchesCentralDifferences, "x=0.0:");
    }

    @Test
    void nanLeakInValueFails() {
        Activation naive = new ReferenceTanh() {
            @Override
            public double apply(double x) {
                double e = Math.exp(2 * x);
                return (e - 1) / (e + 1);
            }
        };
        assertFails(contractFor(naive)::finiteForFiniteInputs, "f=NaN");
    }

    @Test
    void nanLeakInDerivativeFails() {
        Activation naive = new ReferenceTanh() {
            @Override
            public double derivative(double x, double y) {
                double e = Math.exp(-2 * x);
                return 4 * e / ((1 + e) * (1 + e));
            }

            @Override
            public boolean derivativeFromOutput() {
                return false;
            }
        };
        assertFails(contractFor(naive)::finiteForFiniteInputs, "f'=NaN");
    }

    @Test
    void maskedNaNFails() {
        Activation masking = new ReferenceRelu() {
            @Override
            public double apply(double x) {
                return x > 0 ? x : 0;
            }
        };
        assertFails(contractFor(masking, 0)::nanInputGivesNaN, "f(NaN)");
    }

    @Test
    void valueOutsideDeclaredBoundsFails() {
        Activation tooTight = new ReferenceTanh() {
            @Override
            public double upperBound() {
                return 0.5;
            }
        };
        assertFails(contractFor(tooTight)::valuesWithinDeclaredBounds, "outside the declared [-1.0, 0.5]");
    }

    @Test
    void looseBoundFails() {
        Activation tooLoose = new ReferenceTanh() {
            @Override
            public double lowerBound() {
                return -2;
            }
        };
        assertFails(contractFor(tooLoose)::boundsAreApproached, "declared lower bound -2.0");
    }

    @Test
    void needlesslyInfiniteBoundFails() {
        Activation unbounded = new ReferenceRelu() {
            @Override
            public double lowerBound() {
                return Double.NEGATIVE_INFINITY;
            }
        };
        assertFails(contractFor(unbounded, 0)::boundsAreApproached, "declared lower bound -Infinity");
    }

    @Test
    void decreasingFunctionDeclaredMonotonicFails() {
        Activation decreasing = new ReferenceTanh() {
            @Override
            public double apply(double x) {
                return -Math.tanh(x);
            }
        };
        assertFails(contractFor(decreasing)::nonDecreasingIfDeclaredMonotonic, "declared monotonic but decreases");
    }

    @Test
    void derivativeUsingInputWhileClaimingOutputFails() {
        Activation cheat = new ReferenceTanh() {
            @Override
            public double derivative(double x, double y) {
                double t = Math.tanh(x);
                return 1 - t * t;
            }
        };
        assertFails(contractFor(cheat)::derivativeFromOutputIgnoresInput, "derivative(NaN, y)=NaN");
    }

    @Test
    void applyOverrunningItsRangeFails() {
        Activation overrun = new ReferenceTanh() {
            @Override
            public void apply(double[] x, double[] y, int offset, int length) {
                for (int i = 0; i < x.length; i++) {
                    y[i] = apply(x[i]);
                }
            }
        };
        assertFails(contractFor(overrun)::applyOnArraysMatchesScalar, "(outside the range)");
    }

    @Test
    void applyRoundingDifferentlyFails() {
        Activation rounded = new ReferenceTanh() {
            @Override
            public void apply(double[] x, double[] y, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    y[i] = (float) apply(x[i]);
                }
            }
        };
        assertFails(contractFor(rounded)::applyOnArraysMatchesScalar, "y differs");
    }

    @Test
    void applyClearingItsOutputFirstFailsInPlace() {
        Activation clearing = new ReferenceTanh() {
            @Override
            public void apply(double[] x, double[] y, int offset, int length) {
                Arrays.fill(y, offset, offset + length, 0.0);
                for (int i = offset; i < offset + length; i++) {
                    y[i] += apply(x[i]);
                }
            }
        };
        assertFails(contractFor(clearing)::applyOnArraysWorksInPlace, "apply(x, x, offset, length) differs");
    }

    @Test
    void backwardOverrunningItsRangeFails() {
        Activation overrun = new ReferenceTanh() {
            @Override
            public void backward(double[] x, double[] y, double[] dy, double[] dx, int offset, int length) {
                super.backward(x, y, dy, dx, 0, dx.length);
            }
        };
        assertFails(contractFor(overrun)::backwardOnArraysMatchesScalar, "(outside the range)");
    }

    @Test
    void backwardAccumulatingIntoAClearedOutputFailsInPlace() {
        Activation accumulating = new ReferenceTanh() {
            @Override
            public void backward(double[] x, double[] y, double[] dy, double[] dx, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    dx[i] = 0;
                    dx[i] += dy[i] * derivative(Double.NaN, y[i]);
                }
            }
        };
        assertFails(contractFor(accumulating)::backwardOnArraysWorksInPlace, "backward(x, y, dy, dy, offset, length)");
    }

    @Test
    void backwardScalingItsInputFails() {
        Activation scaling = new ReferenceTanh() {
            @Override
            public void backward(double[] x, double[] y, double[] dy, double[] dx, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    dy[i] *= derivative(Double.NaN, y[i]);
                    dx[i] = dy[i];
                }
            }
        };
        assertFails(contractFor(scaling)::backwardOnArraysMatchesScalar, "dy differs");
    }

    @Test
    void backwardReadingInputWhenDerivedFromOutputFails() {
        Activation reading = new ReferenceTanh() {
            @Override
            public void backward(double[] x, double[] y, double[] dy, double[] dx, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    dx[i] = dy[i] * derivative(x[i], y[i]);
                }
            }
        };
        assertFails(contractFor(reading)::backwardNeedsNoInputWhenDerivedFromOutput, "must accept x = null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tanh", "9tanh", "my-tanh", ""})
    void badNameFails(String name) {
        Activation badlyNamed = new ReferenceTanh() {
            @Override
            public String name() {
                return name;
            }
        };
        assertFails(contractFor(badlyNamed)::nameAndDescription, "name of");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "two\nlines"})
    void badDescriptionFails(String description) {
        Activation badlyDescribed = new ReferenceTanh() {
            @Override
            public String description() {
                return description;
            }
        };
        assertFails(contractFor(badlyDescribed)::nameAndDescription, "description of test_tanh");
    }

    @Test
    void noArgumentInstanceOffItsDefaultsFails() {
        Activation offDefaults = new GainTanh(Params.of(GainTanh.PARAMETERS, Map.of("gain", 2.0)));
        assertFails(contractFor(offDefaults)::defaultInstanceUsesDefaults, "params() of the no-argument instance");
    }

    @Test
    void forgettingParamsFails() {
        class Forgetful extends GainTanh {
            Forgetful(Params p) {
                super(p);
            }

            @Override
            public Activation configure(Params p) {
                return new Forgetful(p);
            }

            @Override
            public Params params() {
                return Params.of(PARAMETERS, Map.of());
            }
        }
        Activation defaults = new Forgetful(Params.of(GainTanh.PARAMETERS, Map.of()));
        Activation configured = defaults.configure(Params.of(GainTanh.PARAMETERS, Map.of("gain", 3.0)));
        assertFails(contractFor(defaults, List.of(configured))::configurationsRoundTrip, "must differ from the defaults");
    }

    @Test
    void configureChangingItsReceiverFails() {
        class Mutable extends GainTanh {
            private Params current = Params.of(PARAMETERS, Map.of());

            @Override
            public Activation configure(Params p) {
                current = p;
                return this;
            }

            @Override
            public Params params() {
                return current;
            }
        }
        Activation defaults = new Mutable();
        Activation configured = new Mutable().configure(Params.of(GainTanh.PARAMETERS, Map.of("gain", 3.0)));
        assertFails(contractFor(defaults, List.of(configured))::configurationsRoundTrip, "must not change");
    }

    @Test
    void unregisteredPluginFailsDiscovery() {
        assertFails(contractFor(new ReferenceTanh())::discoveredByServiceLoader,
                "no activation named 'test_tanh' is on the classpath; list "
                        + ReferenceTanh.class.getName() + " in META-INF/services/org.rnnlab.spi.Activation");
    }
}
