package org.rnnlab.kernels;

import static org.rnnlab.kernels.ElementFunctions.E10;
import static org.rnnlab.kernels.ElementFunctions.E11;
import static org.rnnlab.kernels.ElementFunctions.E12;
import static org.rnnlab.kernels.ElementFunctions.E13;
import static org.rnnlab.kernels.ElementFunctions.E2;
import static org.rnnlab.kernels.ElementFunctions.E3;
import static org.rnnlab.kernels.ElementFunctions.E4;
import static org.rnnlab.kernels.ElementFunctions.E5;
import static org.rnnlab.kernels.ElementFunctions.E6;
import static org.rnnlab.kernels.ElementFunctions.E7;
import static org.rnnlab.kernels.ElementFunctions.E8;
import static org.rnnlab.kernels.ElementFunctions.E9;
import static org.rnnlab.kernels.ElementFunctions.T0;
import static org.rnnlab.kernels.ElementFunctions.T1;
import static org.rnnlab.kernels.ElementFunctions.T10;
import static org.rnnlab.kernels.ElementFunctions.T11;
import static org.rnnlab.kernels.ElementFunctions.T12;
import static org.rnnlab.kernels.ElementFunctions.T2;
import static org.rnnlab.kernels.ElementFunctions.T3;
import static org.rnnlab.kernels.ElementFunctions.T4;
import static org.rnnlab.kernels.ElementFunctions.T5;
import static org.rnnlab.kernels.ElementFunctions.T6;
import static org.rnnlab.kernels.ElementFunctions.T7;
import static org.rnnlab.kernels.ElementFunctions.T8;
import static org.rnnlab.kernels.ElementFunctions.T9;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementFunctions}' loops on the Vector API: the same operations in the same order, lane by
 * lane, so the bits equal the plain loops'. Values left over below a whole vector go through the
 * plain functions.
 *
 * <p>Each function runs as a few passes over chunks of 256 values, each pass one short loop that
 * keeps its intermediate results in a per-thread buffer (L1-resident): reducing the argument, the
 * exp polynomial, then the rest; the passes are called through an interface with seven
 * implementations, so that the compiler compiles each on its own instead of inlining them all into
 * one method. One method doing all of it was too large for JDK 17's compiler, which stops inlining
 * past a node budget; the vector operations it then left uncompiled allocated a box per vector, in
 * some runs and not others (measured: 14 MB per update of an lstm 32 with one loop, 355 MB in one
 * run of a gru 128; with the passes inlined into one driver, 78 MB in one run of a gru 512 out of
 * about fifteen). For the same reason nothing branches on the lanes' values: both forms of tanh are
 * computed for every vector and blended.
 *
 * <p>Width: {@link VectorWidth}'s, the products' width, since mixing widths in one JVM left JDK 17's
 * compiler boxing vectors. Every operation is lane by lane, so the results do not depend on the
 * width.
 */
final class VectorElementFunctions implements ElementFunctions.Loops {
    /**
     * A constant, as the Vector API's intrinsics need: a species read from an instance field leaves
     * some operations (broadcasts) uncompiled, allocating a box per vector.
     */
    private static final VectorSpecies<Double> SPECIES =
            VectorWidth.wide(DoubleVector.SPECIES_PREFERRED.length()) ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_256;
    private static final int LANES = SPECIES.length();
    /** Values per round of passes: the four blocks of the buffer (8 KB each at most) stay in L1. */
    private static final int CHUNK = 256;
    private static final int R = 0;
    private static final int A = CHUNK;
    private static final int B = 2 * CHUNK;
    private static final int C = 3 * CHUNK;
    /** Each thread's buffer for the passes' intermediate values. */
    private static final ThreadScratch BUFFER = new ThreadScratch();

    @Override
    public String description() {
        return "Vector API, " + SPECIES.vectorBitSize() + "-bit";
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        final int whole = from + (to - from) / LANES * LANES;
        run(TANH, x, y, from, whole);
        ElementFunctions.SCALAR.tanh(x, y, whole, to);
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        final int whole = from + (to - from) / LANES * LANES;
        run(SIGMOID, x, y, from, whole);
        ElementFunctions.SCALAR.sigmoid(x, y, whole, to);
    }

    /** One of the passes below, over n values of x (a whole number of vectors) from base. */
    private interface Pass {
        void run(double[] x, double[] y, int base, int n, double[] buffer);
    }

    private static final Pass[] TANH = {VectorElementFunctions::reduceForTanh, VectorElementFunctions::expTail,
        VectorElementFunctions::tanhFromExp, VectorElementFunctions::tanhSeriesPolynomial,
        VectorElementFunctions::tanhFinish};
    private static final Pass[] SIGMOID = {VectorElementFunctions::reduceForSigmoid, VectorElementFunctions::expTail,
        VectorElementFunctions::sigmoidFinish};

    /**
     * Runs the passes over [from, to) chunk by chunk. The call below sees seven kinds of pass, so the
     * compiler calls them rather than inlining them here: each pass is compiled on its own, well
     * within the inlining budget whatever the order the compiler meets them in.
     */
    private static void run(Pass[] passes, double[] x, double[] y, int from, int to) {
        final double[] buffer = BUFFER.atLeast(4 * CHUNK);
        for (int base = from; base < to; base += CHUNK) {
            final int n = Math.min(CHUNK, to - base);
            for (Pass pass : passes) {
                pass.run(x, y, base, n, buffer);
            }
        }
    }

    // The passes. The buffer holds four blocks of CHUNK values: R, then A, B, C, whose meaning each
    // pass states. Each pass is one loop over n values, a whole number of vectors.

    /** R = r and A = 2^k of 2 min(|x|, 22) = k ln 2 + r. */
    private static void reduceForTanh(double[] x, double[] unused, int base, int n, double[] buffer) {
        final VectorSpecies<Double> s = SPECIES;
        for (int j = 0; j < n; j += LANES) {
            DoubleVector c = DoubleVector.fromArray(s, x, base + j).abs().min(ElementFunctions.TANH_ONE).mul(2.0);
            DoubleVector t = c.mul(ElementFunctions.LOG2E).add(ElementFunctions.ROUNDER);
            DoubleVector k = t.sub(ElementFunctions.ROUNDER);
            c.sub(k.mul(ElementFunctions.LN2_HI)).sub(k.mul(ElementFunctions.LN2_LO)).intoArray(buffer, R + j);
            t.reinterpretAsLongs().sub(ElementFunctions.ROUNDER_BITS).add(ElementFunctions.EXPONENT_BIAS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles().intoArray(buffer, A + j);
        }
    }

    /** R = r, A = 2^k1 and B = 2^(k - k1) of -|x| = k ln 2 + r (clamped at -746), k1 = round(k / 2). */
    private static void reduceForSigmoid(double[] x, double[] unused, int base, int n, double[] buffer) {
        final VectorSpecies<Double> s = SPECIES;
        for (int j = 0; j < n; j += LANES) {
            DoubleVector c = DoubleVector.fromArray(s, x, base + j).abs().neg().max(ElementFunctions.EXP_MIN);
            DoubleVector t = c.mul(ElementFunctions.LOG2E).add(ElementFunctions.ROUNDER);
            DoubleVector k = t.sub(ElementFunctions.ROUNDER);
            c.sub(k.mul(ElementFunctions.LN2_HI)).sub(k.mul(ElementFunctions.LN2_LO)).intoArray(buffer, R + j);
            LongVector kBits = t.reinterpretAsLongs().sub(ElementFunctions.ROUNDER_BITS);
            LongVector k1 = k.mul(0.5).add(ElementFunctions.ROUNDER).reinterpretAsLongs()
                    .sub(ElementFunctions.ROUNDER_BITS);
            k1.add(ElementFunctions.EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles()
                    .intoArray(buffer, A + j);
            kBits.sub(k1).add(ElementFunctions.EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles().intoArray(buffer, B + j);
        }
    }

    /** C = (e^r - 1 - r) / r² for r in R, as {@link ElementFunctions#expTail}. */
    private static void expTail(double[] x, double[] y, int base, int n, double[] buffer) {
        final VectorSpecies<Double> s = SPECIES;
        for (int j = 0; j < n; j += LANES) {
            DoubleVector r = DoubleVector.fromArray(s, buffer, R + j);
            DoubleVector p = r.mul(E13).add(E12);
            p = r.mul(p).add(E11);
            p = r.mul(p).add(E10);
            p = r.mul(p).add(E9);
            p = r.mul(p).add(E8);
            p = r.mul(p).add(E7);
            p = r.mul(p).add(E6);
            p = r.mul(p).add(E5);
            p = r.mul(p).add(E4);
            p = r.mul(p).add(E3);
            r.mul(p).add(E2).intoArray(buffer, C + j);
        }
    }

    /** B = 1 - 2 / ((2^k + 1) + 2^k (r + r² C)), tanh's exp form, from R, A (2^k) and C. */
    private static void tanhFromExp(double[] x, double[] y, int base, int n, double[] buffer) {
        final VectorSpecies<Double> s = SPECIES;
        final DoubleVector two = DoubleVector.broadcast(s, 2.0);
        for (int j = 0; j < n; j += LANES) {
            DoubleVector r = DoubleVector.fromArray(s, buffer, R + j);
            DoubleVector scale = DoubleVector.fromArray(s, buffer, A + j);
            DoubleVector tail = DoubleVector.fromArray(s, buffer, C + j);
            DoubleVector denominator = scale.add(1.0).add(scale.mul(r.add(r.mul(r).mul(tail))));
            two.div(denominator).neg().add(1.0).intoArray(buffer, B + j);
        }
    }

    /** R = the series' polynomial in z = x², as in {@link ElementFunctions#tanhSeries}. */
    private static void tanhSeriesPolynomial(double[] x, double[] y, int base, int n, double[] buffer) {
        final VectorSpecies<Double> s = SPECIES;
        for (int j = 0; j < n; j += LANES) {
            DoubleVector a = DoubleVector.fromArray(s, x, base + j).abs();
            DoubleVector z = a.mul(a);
            DoubleVector q = z.mul(T12).add(T11);
            q = z.mul(q).add(T10);
            q = z.mul(q).add(T9);
            q = z.mul(q).add(T8);
            q = z.mul(q).add(T7);
            q = z.mul(q).add(T6);
            q = z.mul(q).add(T5);
            q = z.mul(q).add(T4);
            q = z.mul(q).add(T3);
            q = z.mul(q).add(T2);
            q = z.mul(q).add(T1);
            z.mul(q).add(T0).intoArray(buffer, R + j);
        }
    }

    /** y = the series (from R) below 0.75 and the exp form (B) above, with x's sign. */
    private static void tanhFinish(double[] x, double[] y, int base, int n, double[] buffer) {
        final VectorSpecies<Double> s = SPECIES;
        for (int j = 0; j < n; j += LANES) {
            DoubleVector v = DoubleVector.fromArray(s, x, base + j);
            DoubleVector a = v.abs();
            DoubleVector series = a.add(a.mul(a.mul(a).mul(DoubleVector.fromArray(s, buffer, R + j))));
            DoubleVector.fromArray(s, buffer, B + j).blend(series, a.lt(ElementFunctions.TANH_SERIES_END))
                    .reinterpretAsLongs().or(v.reinterpretAsLongs().and(ElementFunctions.SIGN_BIT))
                    .reinterpretAsDoubles().intoArray(y, base + j);
        }
    }

    /** y = 1 / (1 + e) for x &gt;= 0 and e / (1 + e) below, e = (1 + (r + r² C)) A B = exp(-|x|). */
    private static void sigmoidFinish(double[] x, double[] y, int base, int n, double[] buffer) {
        final VectorSpecies<Double> s = SPECIES;
        final DoubleVector one = DoubleVector.broadcast(s, 1.0);
        for (int j = 0; j < n; j += LANES) {
            DoubleVector r = DoubleVector.fromArray(s, buffer, R + j);
            DoubleVector tail = DoubleVector.fromArray(s, buffer, C + j);
            DoubleVector e = r.add(r.mul(r).mul(tail)).add(1.0).mul(DoubleVector.fromArray(s, buffer, A + j))
                    .mul(DoubleVector.fromArray(s, buffer, B + j));
            one.blend(e, DoubleVector.fromArray(s, x, base + j).lt(0.0)).div(one.add(e)).intoArray(y, base + j);
        }
    }
}
