package org.rnnlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * ElementFunctions against 200-bit references (written by tools/element-functions-reference.py with
 * mpmath), at the edges, and its Vector API loops against its plain ones, bit for bit.
 */
class ElementFunctionsTest {
    private static final String REFERENCE = "element-functions-reference.csv";

    /** The largest error, in units in the last place of the correctly rounded result, per function. */
    private static Map<String, Double> worstErrors() throws IOException {
        Map<String, DoubleUnaryOperator> functions = Map.of("exp", ElementFunctions::exp, "tanh",
                ElementFunctions::tanh, "sigmoid", ElementFunctions::sigmoid);
        Map<String, Double> worst = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ElementFunctionsTest.class.getResourceAsStream(REFERENCE), StandardCharsets.US_ASCII))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                double x = Double.parseDouble(f[1]);
                BigDecimal reference = new BigDecimal(f[2]);
                double got = functions.get(f[0]).applyAsDouble(x);
                double ulp = Math.ulp(reference.doubleValue());
                double error = new BigDecimal(got).subtract(reference).abs()
                        .divide(new BigDecimal(ulp), MathContext.DECIMAL64).doubleValue();
                worst.merge(f[0], error, Math::max);
                counts.merge(f[0], 1, Integer::sum);
            }
        }
        assertThat(counts).containsEntry("exp", 2000).containsEntry("tanh", 2800).containsEntry("sigmoid", 1200);
        return worst;
    }

    @Test
    void withinTheirStatedErrorsOfTheReferences() throws IOException {
        Map<String, Double> worst = worstErrors();
        assertThat(worst.get("exp")).as("exp").isLessThanOrEqualTo(0.9);
        assertThat(worst.get("tanh")).as("tanh").isLessThanOrEqualTo(1.05);
        assertThat(worst.get("sigmoid")).as("sigmoid").isLessThanOrEqualTo(1.5);
    }

    @Test
    void withinTwoUlpsOfTheJdkAcrossTheRange() {
        SplittableRandom random = new SplittableRandom(3);
        for (double range : new double[] {1e-8, 1e-3, 0.3, 0.75, 5, 25, 700}) {
            for (int i = 0; i < 20_000; i++) {
                double x = random.nextDouble(-range, range);
                assertThat(Math.abs(ElementFunctions.tanh(x) - Math.tanh(x))).as("tanh(%s)", x)
                        .isLessThanOrEqualTo(2 * Math.ulp(Math.tanh(x)));
                assertThat(Math.abs(ElementFunctions.exp(x) - Math.exp(x))).as("exp(%s)", x)
                        .isLessThanOrEqualTo(2 * Math.ulp(Math.exp(x)));
            }
        }
    }

    @Test
    void edgesAndSpecialValues() {
        assertThat(ElementFunctions.exp(0.0)).isEqualTo(1.0);
        assertThat(ElementFunctions.exp(-0.0)).isEqualTo(1.0);
        assertThat(ElementFunctions.exp(1.0)).isIn(Math.E, Math.nextUp(Math.E));
        assertThat(ElementFunctions.exp(709.78)).isFinite().isGreaterThan(1.79e308);
        assertThat(ElementFunctions.exp(709.79)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ElementFunctions.exp(1e300)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ElementFunctions.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ElementFunctions.exp(-745.0)).isEqualTo(Double.MIN_VALUE);
        assertThat(ElementFunctions.exp(-746.0)).isEqualTo(0.0);
        assertThat(ElementFunctions.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(ElementFunctions.exp(Double.NaN)).isNaN();

        assertThat(ElementFunctions.tanh(0.0)).isEqualTo(0.0);
        assertThat(Math.copySign(1, ElementFunctions.tanh(-0.0))).isEqualTo(-1);
        assertThat(ElementFunctions.tanh(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        assertThat(ElementFunctions.tanh(1e-200)).isEqualTo(1e-200);
        assertThat(ElementFunctions.tanh(22)).isEqualTo(1.0);
        assertThat(ElementFunctions.tanh(-1e300)).isEqualTo(-1.0);
        assertThat(ElementFunctions.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(ElementFunctions.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(ElementFunctions.tanh(Double.NaN)).isNaN();

        assertThat(ElementFunctions.sigmoid(0.0)).isEqualTo(0.5);
        assertThat(ElementFunctions.sigmoid(-0.0)).isEqualTo(0.5);
        assertThat(ElementFunctions.sigmoid(40)).isEqualTo(1.0);
        assertThat(ElementFunctions.sigmoid(-700)).isCloseTo(Math.exp(-700), within(2 * Math.ulp(Math.exp(-700))));
        assertThat(ElementFunctions.sigmoid(-745.0)).isEqualTo(Double.MIN_VALUE);
        assertThat(ElementFunctions.sigmoid(-1000)).isEqualTo(0.0);
        assertThat(ElementFunctions.sigmoid(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(ElementFunctions.sigmoid(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(ElementFunctions.sigmoid(Double.NaN)).isNaN();
    }

    /** Inputs from every branch, mixed within vectors and in vectors of one branch, and special values. */
    private static double[] inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] specials = {0.0, -0.0, 0.75, -0.75, Math.nextDown(0.75), 22, -22, 709.79, -745.5, -1000, 1e-300,
                Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = (i / 16) % 5;
            x[i] = switch (kind) {
                case 0 -> random.nextDouble(-0.7, 0.7);
                case 1 -> random.nextDouble(0.8, 30) * (random.nextBoolean() ? 1 : -1);
                case 2 -> random.nextDouble(-800, 800);
                case 3 -> specials[random.nextInt(specials.length)];
                default -> random.nextDouble(-3, 3);
            };
        }
        return x;
    }

    @Test
    void vectorLoopsGiveThePlainLoopsBits() {
        VectorElementFunctions vector = new VectorElementFunctions();
        double[] x = inputs(4_000, 11);
        for (int offset : new int[] {0, 1, 3, 7}) {
            for (int length : new int[] {0, 1, 3, 5, 8, 13, 31, 3_000}) {
                double[] plainTanh = new double[x.length];
                double[] vectorTanh = new double[x.length];
                ElementFunctions.SCALAR.tanh(x, plainTanh, offset, offset + length);
                vector.tanh(x, vectorTanh, offset, offset + length);
                assertSameBits(plainTanh, vectorTanh, "tanh");
                double[] plainSigmoid = new double[x.length];
                double[] vectorSigmoid = new double[x.length];
                ElementFunctions.SCALAR.sigmoid(x, plainSigmoid, offset, offset + length);
                vector.sigmoid(x, vectorSigmoid, offset, offset + length);
                assertSameBits(plainSigmoid, vectorSigmoid, "sigmoid");
            }
        }
    }

    @Test
    void inPlaceGivesTheSameBits() {
        double[] x = inputs(1_000, 5);
        double[] expected = new double[x.length];
        ElementFunctions.SCALAR.tanh(x, expected, 0, x.length);
        double[] y = x.clone();
        new VectorElementFunctions().tanh(y, y, 0, y.length);
        assertSameBits(expected, y, "tanh in place");
        ElementFunctions.SCALAR.sigmoid(x, expected, 0, x.length);
        y = x.clone();
        ElementFunctions.sigmoid(y, y, 0, y.length);
        assertSameBits(expected, y, "sigmoid in place");
    }

    @Test
    void longArraysOnTwoThreadsGiveTheSameBits() {
        // Long enough to be split with the helper thread, at an offset and an odd length so that the
        // helper's half ends in the scalar tail; values outside the range must stay untouched.
        double[] x = inputs(3 * ElementFunctions.PARALLEL_LENGTH + 17, 13);
        final int offset = 5;
        final int length = x.length - 9;
        double[] expectedTanh = new double[x.length];
        double[] expectedSigmoid = new double[x.length];
        ElementFunctions.SCALAR.tanh(x, expectedTanh, offset, offset + length);
        ElementFunctions.SCALAR.sigmoid(x, expectedSigmoid, offset, offset + length);
        double[] tanh = new double[x.length];
        double[] sigmoid = new double[x.length];
        double[] inPlace = x.clone();
        try {
            Kernels.setProductThreads(2);
            for (int repeat = 0; repeat < 3; repeat++) {
                ElementFunctions.tanh(x, tanh, offset, length);
                ElementFunctions.sigmoid(x, sigmoid, offset, length);
            }
            ElementFunctions.tanh(inPlace, inPlace, offset, length);
        } finally {
            Kernels.setProductThreads(1);
        }
        assertSameBits(expectedTanh, tanh, "tanh on two threads");
        assertSameBits(expectedSigmoid, sigmoid, "sigmoid on two threads");
        System.arraycopy(x, 0, expectedTanh, 0, offset);
        System.arraycopy(x, offset + length, expectedTanh, offset + length, x.length - offset - length);
        assertSameBits(expectedTanh, inPlace, "tanh in place on two threads");
    }

    /**
     * In a JVM of its own: in this one, the product tests' 512-bit vectors, which JDK 17 leaves
     * uncompiled on some machines, share the Vector API's type profiles with these loops and make
     * the JIT box them, which a training run (one width per JVM on JDK 17) never does.
     */
    @Test
    void vectorLoopsAllocateNothingOnceCompiled() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process probe = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", classPath,
                AllocationProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor()).as(output).isZero();
        assertThat(output).as("bytes allocated by 100 calls of each vector loop on 1,000 values")
                .contains("allocated 0 bytes");
    }

    /** Warms the vector loops up until the JIT has compiled them, then prints what 100 calls allocate. */
    static final class AllocationProbe {
        public static void main(String[] args) {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management
                    .ManagementFactory.getThreadMXBean();
            VectorElementFunctions vector = new VectorElementFunctions();
            double[] x = inputs(1_000, 9);
            double[] y = new double[x.length];
            long allocated = Long.MAX_VALUE;
            // The JIT compiles in the background: measure until it has, for at most a few seconds.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (allocated > 0 && System.nanoTime() < deadline) {
                for (int warmup = 0; warmup < 2_000; warmup++) {
                    vector.tanh(x, y, 0, x.length);
                    vector.sigmoid(x, y, 0, x.length);
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int repeat = 0; repeat < 100; repeat++) {
                    vector.tanh(x, y, 0, x.length);
                    vector.sigmoid(x, y, 0, x.length);
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            System.out.println("allocated " + allocated + " bytes");
        }
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToLongBits(actual[i])).as("%s at %d", what, i)
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }
}
