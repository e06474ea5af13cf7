package org.rnnlab.kernels;

/**
 * exp, tanh and the logistic sigmoid, from additions, multiplications and divisions alone, so that
 * the same arithmetic runs on the Vector API ({@code VectorElementFunctions}, several values per
 * instruction) and in plain Java (here), with the same bits either way.
 *
 * <p>Java computes {@link Math#exp} and {@link Math#tanh} one value at a time (a machine routine and
 * a native call into fdlibm respectively); in a recurrent cell's step the tanh of a hidden-128 batch
 * then cost more than the step's recurrent product. These forms run 4 (256-bit) or 8 (512-bit)
 * values at once.
 *
 * <p>Accuracy, measured against 200-bit references ({@code ElementFunctionsTest}): exp within 0.9
 * ulp, tanh within 1.05 ulp, sigmoid within 1.5 ulp. The JDK's own functions are within 1 ulp.
 *
 * <ul>
 *   <li><b>exp(x)</b> = 2^k e^r with k = round(x / ln 2) and r = x - k ln 2, |r| &lt;= ln 2 / 2,
 *       where k ln 2 is subtracted in two parts (a 32-bit head, whose product with k is exact, and
 *       the tail), and e^r is its Taylor polynomial through r^13 (the next term is below 5e-18
 *       there). 2^k is applied as two factors so that results down to the smallest subnormal come
 *       out rounded once. x is clamped to [-746, 710], beyond which exp is 0 or infinite anyway.
 *   <li><b>tanh(x)</b>, for a = |x| and the sign of x restored at the end (tanh(-0.0) = -0.0):
 *       a + a z P(z), z = a², for a &lt; 0.75, P a degree-12 Chebyshev fit of (tanh a / a - 1) / z
 *       (relative error 1e-17); above, 1 - 2 / (e^{2a} + 1) with e^{2a} + 1 formed from exp's parts
 *       as (2^k + 1) + 2^k p(r), one rounding fewer than adding 1 to exp's result. a is clamped at
 *       22, where tanh rounds to 1.
 *   <li><b>sigmoid(x)</b> = 1 / (1 + e) for x &gt;= 0 and e / (1 + e) for x &lt; 0, with e = exp(-|x|):
 *       exp never overflows, and outputs down to the smallest subnormal keep their precision.
 * </ul>
 *
 * <p>No fused multiply-add is used: without hardware FMA {@link Math#fma} is very slow, and the
 * vector path would then differ from the plain one. NaN gives NaN.
 */
public final class ElementFunctions {
    /** System property that, set to {@code scalar}, keeps these functions off the Vector API. */
    public static final String PROPERTY = "rnnlab.elementFunctions";

    /** The array loops, on the Vector API or in plain Java. */
    interface Loops {
        /** y[i] = tanh(x[i]) for i in [from, to). */
        void tanh(double[] x, double[] y, int from, int to);

        /** y[i] = sigmoid(x[i]) for i in [from, to). */
        void sigmoid(double[] x, double[] y, int from, int to);

        String description();
    }

    static final Loops SCALAR = new Loops() {
        @Override
        public void tanh(double[] x, double[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = ElementFunctions.tanh(x[i]);
            }
        }

        @Override
        public void sigmoid(double[] x, double[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = ElementFunctions.sigmoid(x[i]);
            }
        }

        @Override
        public String description() {
            return "plain Java";
        }
    };

    private static final Loops LOOPS = chooseLoops();
    /**
     * Arrays shorter than this take the plain loops: a few vectors' worth gains little, and until the
     * JIT has compiled the vector loops (which takes many calls when each is this short) they
     * allocate a box per vector, which the contract kit's no-allocation check on its 4-unit cells
     * would see.
     */
    static final int MIN_VECTOR_LENGTH = 16;

    // exp: k = round(x log2 e) by adding and subtracting 1.5 * 2^52, which leaves k in the low bits.
    static final double ROUNDER = 0x1.8p52;
    static final double LOG2E = 0x1.71547652b82fep0;
    // ln 2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k LN2_HI is exact for |k| < 2^21.
    static final double LN2_HI = 0x1.62e42fee00000p-1;
    static final double LN2_LO = 0x1.a39ef35793c76p-33;
    static final double EXP_MIN = -746;
    static final double EXP_MAX = 710;
    // 1 / j! for j = 2..13: e^r = 1 + r + r² (E2 + r (E3 + ... + r E13)).
    static final double E2 = 0x1.0000000000000p-1;
    static final double E3 = 0x1.5555555555555p-3;
    static final double E4 = 0x1.5555555555555p-5;
    static final double E5 = 0x1.1111111111111p-7;
    static final double E6 = 0x1.6c16c16c16c17p-10;
    static final double E7 = 0x1.a01a01a01a01ap-13;
    static final double E8 = 0x1.a01a01a01a01ap-16;
    static final double E9 = 0x1.71de3a556c734p-19;
    static final double E10 = 0x1.27e4fb7789f5cp-22;
    static final double E11 = 0x1.ae64567f544e4p-26;
    static final double E12 = 0x1.1eed8eff8d898p-29;
    static final double E13 = 0x1.6124613a86d09p-33;

    // tanh: below TANH_SERIES_END, a + a z (T0 + z (T1 + ... + z T12)) with z = a²; coefficients of
    // a Chebyshev fit on z in [0, 0.75²] (mpmath's chebyfit), rounded to double.
    static final double TANH_SERIES_END = 0.75;
    static final double TANH_ONE = 22;
    static final double T0 = -0x1.5555555555555p-2;
    static final double T1 = 0x1.111111111101fp-3;
    static final double T2 = -0x1.ba1ba1ba03fdep-5;
    static final double T3 = 0x1.664f487b7c37ep-6;
    static final double T4 = -0x1.226e3434333f1p-7;
    static final double T5 = 0x1.d6d397c6172ccp-9;
    static final double T6 = -0x1.7d9fdd51d36fap-10;
    static final double T7 = 0x1.353280941795ap-11;
    static final double T8 = -0x1.f351c7b8d9d91p-13;
    static final double T9 = 0x1.8b4d9f3447ab6p-14;
    static final double T10 = -0x1.215cdb73c8b35p-15;
    static final double T11 = 0x1.51282042d0b9ap-17;
    static final double T12 = -0x1.b87709c583a0fp-20;

    static final long SIGN_BIT = 0x8000_0000_0000_0000L;
    static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** Exponent bias, already shifted into place: (k + 1023) << 52 is the bits of 2^k. */
    static final int EXPONENT_BIAS = 1023;

    private ElementFunctions() {
    }

    /** e^x, within 0.9 ulp. */
    public static double exp(double x) {
        double c = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        double t = c * LOG2E + ROUNDER;
        double k = t - ROUNDER;
        double r = (c - k * LN2_HI) - k * LN2_LO;
        double p = 1 + (r + (r * r) * expTail(r));
        long kBits = Double.doubleToRawLongBits(t) - ROUNDER_BITS;
        // 2^k as 2^k1 2^(k - k1), k1 = round(k / 2), both normal for every k of the clamped range.
        long k1 = Double.doubleToRawLongBits(k * 0.5 + ROUNDER) - ROUNDER_BITS;
        return p * powerOfTwo(k1) * powerOfTwo(kBits - k1);
    }

    /** tanh(x), within 1.05 ulp. */
    public static double tanh(double x) {
        double a = Math.abs(x);
        double r = a < TANH_SERIES_END ? tanhSeries(a) : tanhFromExp(a);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(r) | (Double.doubleToRawLongBits(x) & SIGN_BIT));
    }

    /** The logistic function 1 / (1 + e^-x), within 1.5 ulp. */
    public static double sigmoid(double x) {
        double e = exp(-Math.abs(x));
        return (x < 0 ? e : 1) / (1 + e);
    }

    /**
     * y[i] = tanh(x[i]) for i in [offset, offset + length); x and y may be the same array. A long
     * array is split with the products' helper thread when {@link Kernels#setProductThreads} asked for
     * two ({@link #PARALLEL_LENGTH}); each value is computed alone, so the bits do not change.
     */
    public static void tanh(double[] x, double[] y, int offset, int length) {
        apply(true, x, y, offset, offset + length);
    }

    /** y[i] = sigmoid(x[i]) for i in [offset, offset + length); x and y may be the same array. As {@link #tanh}. */
    public static void sigmoid(double[] x, double[] y, int offset, int length) {
        apply(false, x, y, offset, offset + length);
    }

    /**
     * Values from which one array's tanh or sigmoid is split between two threads. The state of an rnn
     * over a batch of 32 is, at hidden 128 (4K values: 7.5 to 7.0 ms per update) and 512 (16K values,
     * about 45 microseconds of tanh: 84 to 80 ms); an lstm's gate rows of 512 are not. Shorter arrays
     * were not tried: the hand-over costs a few microseconds.
     */
    public static final int PARALLEL_LENGTH = 4096;

    private static void apply(boolean tanh, double[] x, double[] y, int from, int to) {
        final int length = to - from;
        if (length < MIN_VECTOR_LENGTH) {
            apply(SCALAR, tanh, x, y, from, to);
            return;
        }
        if (length >= PARALLEL_LENGTH && Kernels.productThreads() == 2) {
            // The helper takes the second half. The first is a multiple of 64 values, a whole number
            // of vectors at either width, so that it has no scalar tail; any split gives the same bits.
            final int mid = from + length / 2 / 64 * 64;
            if (ProductHelper.INSTANCE.tryElements(LOOPS, tanh, x, y, mid, to)) {
                try {
                    apply(LOOPS, tanh, x, y, from, mid);
                } finally {
                    ProductHelper.INSTANCE.await();
                }
                return;
            }
        }
        apply(LOOPS, tanh, x, y, from, to);
    }

    private static void apply(Loops loops, boolean tanh, double[] x, double[] y, int from, int to) {
        if (tanh) {
            loops.tanh(x, y, from, to);
        } else {
            loops.sigmoid(x, y, from, to);
        }
    }

    /** Which loops run in this JVM, in words. */
    public static String path() {
        return LOOPS.description();
    }

    /** (e^r - 1 - r) / r², by Horner's rule, highest power first. */
    static double expTail(double r) {
        return E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * (E7 + r * (E8 + r * (E9 + r * (E10 + r * (E11
                + r * (E12 + r * E13))))))))));
    }

    static double powerOfTwo(long k) {
        return Double.longBitsToDouble((k + EXPONENT_BIAS) << 52);
    }

    /** tanh(a) for 0 &lt;= a &lt; 0.75. */
    static double tanhSeries(double a) {
        double z = a * a;
        double p = T0 + z * (T1 + z * (T2 + z * (T3 + z * (T4 + z * (T5 + z * (T6 + z * (T7 + z * (T8 + z * (T9
                + z * (T10 + z * (T11 + z * T12)))))))))));
        return a + a * (z * p);
    }

    /** tanh(a) = 1 - 2 / (e^{2a} + 1) for a &gt;= 0.75 (and NaN for NaN). */
    static double tanhFromExp(double a) {
        double c = 2 * Math.min(a, TANH_ONE);
        double t = c * LOG2E + ROUNDER;
        double k = t - ROUNDER;
        double r = (c - k * LN2_HI) - k * LN2_LO;
        double scale = powerOfTwo(Double.doubleToRawLongBits(t) - ROUNDER_BITS);
        return 1 - 2 / ((scale + 1) + scale * (r + (r * r) * expTail(r)));
    }

    private static Loops chooseLoops() {
        // A bad width is reported here, not swallowed with the Vector API's linkage errors.
        VectorWidth.checkProperty();
        if ("scalar".equals(System.getProperty(PROPERTY))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return SCALAR;
        }
        try {
            // By name, so that a JVM without the module never loads the class.
            return (Loops) Class.forName("org.rnnlab.kernels.VectorElementFunctions").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return SCALAR;
        }
    }
}
