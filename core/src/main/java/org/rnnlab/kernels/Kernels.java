package org.rnnlab.kernels;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Dense kernels over row-major {@link DMatrixRMaj}, allocation-free, for the time loop.
 *
 * <p>Layout: a batch of vectors is [batch x width]; a weight is [out x in] as in PyTorch, so a
 * layer's pre-activation is {@code X W^T} ({@link #multTransB}) and the weight's gradient is
 * {@code dZ^T X} ({@link #multAddTransA}). Vectors (biases) are n x 1 columns, used by their data.
 *
 * <p>Every operation checks shapes first and says both shapes when they disagree
 * ({@code "Must be same shape. 3x4 vs 4x3"}); outputs must be sized by the caller and are never
 * reshaped, so nothing allocates. Products refuse an output that is also an input.
 *
 * <p>Products run on rnnlab's own loops ({@link ProductEngine}): on the Vector API when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} (the {@code rnnlab} launcher and the build's
 * tests do this), otherwise on plain Java loops. Both add the same terms in the same order, so the
 * results are bit-identical either way and on every machine; only the speed differs. The system
 * property {@value #PRODUCTS_PROPERTY}{@code =scalar} forces the plain loops.
 */
public final class Kernels {
    /** System property that, set to {@code scalar}, keeps the products off the Vector API. */
    public static final String PRODUCTS_PROPERTY = "rnnlab.products";
    /** System property: the multiply-adds from which a product is split between two threads. */
    public static final String PARALLEL_PROPERTY = "rnnlab.parallelProduct";
    /**
     * System property that sets the width of the Vector API loops, {@code 256} or {@code 512} bits,
     * instead of the processor's preferred width; for measuring. Results do not depend on it.
     */
    public static final String VECTOR_BITS_PROPERTY = "rnnlab.vectorBits";

    private static final ProductEngine PRODUCTS = chooseProducts();

    /**
     * Products of fewer multiply-adds than this run on the plain loops even when the Vector API is
     * on: they are too small for vectors to pay, and until the JIT compiles the vector loops fully
     * they allocate their vectors on the heap. The plain loops give the same bits, so the threshold
     * changes speed only.
     */
    private static final long SMALL_PRODUCT = 4096;
    /** Inner dimensions below this make the dot form's sums plain running sums (no partial sums). */
    private static final int SHORT_INNER = ScalarProducts.PARTIALS;
    /** Outputs of at most this many columns are computed transposed by {@link #multAddTransA}. */
    private static final int NARROW_OUTPUT = 4;

    private Kernels() {
    }

    /**
     * Products of at least this many multiply-adds are split between two threads when
     * {@link #setProductThreads} asked for two: below it the hand-over costs more than it saves. The
     * system property {@value #PARALLEL_PROPERTY} overrides it, for measuring.
     */
    private static final long PARALLEL_PRODUCT = Long.getLong(PARALLEL_PROPERTY, 1L << 18);

    /**
     * Multiply-adds from which a product with a short side is rearranged ({@link #rearrangePays}):
     * the projection of a 2-wide input over a chunk of 512 rows at hidden 32 already pays.
     */
    private static final long REARRANGED_PRODUCT = 1L << 13;

    private static volatile int productThreads = 1;

    /**
     * How many threads a large product may use: 1 (the default) or 2. With 2, products of at least
     * 256K multiply-adds (the recurrent products of hidden 128 and up) split their output with one
     * helper thread, and so do the tanh and sigmoid of arrays of 4K values and more
     * ({@link ElementFunctions}). Every element is still computed by the same loop in the same order,
     * so results are bit-identical either way.
     * Global to the JVM; {@code rnnlab bench --threads} sets it.
     *
     * @throws IllegalArgumentException unless threads is 1 or 2
     */
    public static void setProductThreads(int threads) {
        if (threads != 1 && threads != 2) {
            throw new IllegalArgumentException("Product threads must be 1 or 2, found " + threads);
        }
        productThreads = threads;
    }

    /** The multiply-adds from which a product is split between two threads (see {@link #setProductThreads}). */
    public static long parallelProductThreshold() {
        return PARALLEL_PRODUCT;
    }

    /** How many threads a large product may use: see {@link #setProductThreads}. */
    public static int productThreads() {
        return productThreads;
    }

    private static void dot(double[] a, double[] b, DMatrixRMaj c, int k, boolean add) {
        ProductEngine engine = products(c, k);
        int m = c.numRows;
        if (productThreads == 2 && m >= 8 && (long) m * c.numCols * k >= PARALLEL_PRODUCT
                && ProductHelper.INSTANCE.tryDot(engine, a, b, c.data, m / 2, m, c.numCols, k, add)) {
            try {
                engine.dot(a, b, c.data, 0, m / 2, c.numCols, k, add);
            } finally {
                // Always collect the helper's half, so that it is free for the next product.
                ProductHelper.INSTANCE.await();
            }
        } else {
            engine.dot(a, b, c.data, 0, m, c.numCols, k, add);
        }
    }

    /**
     * Values (rows times the values each row handles) from which {@link #forRows} splits the rows
     * between two threads: the gate loops of an lstm (32 x 512 values a step at hidden 128) and a gru
     * (32 x 384) from hidden 128 on, not at hidden 32, where the helper is not kept awake by products.
     */
    public static final int PARALLEL_ROW_VALUES = 8192;

    /**
     * Runs task over rows [0, rows), split with the helper thread (which takes the second half) when
     * {@link #setProductThreads} asked for two and the rows hold at least {@link #PARALLEL_ROW_VALUES}
     * values; on the calling thread otherwise. The task's rows must not depend on each other
     * ({@link RowTask}), so that the results are the same bits either way.
     *
     * @param valuesPerRow about how many values the task handles per row: decides whether a split pays
     */
    public static void forRows(int rows, int valuesPerRow, RowTask task) {
        if (productThreads == 2 && rows >= 2 && (long) rows * valuesPerRow >= PARALLEL_ROW_VALUES
                && ProductHelper.INSTANCE.tryRows(task, rows / 2, rows)) {
            try {
                task.run(0, rows / 2);
            } finally {
                ProductHelper.INSTANCE.await();
            }
            return;
        }
        task.run(0, rows);
    }

    /** Each calling thread's scratch for the rearranged operand of a narrow product. */
    private static final ThreadScratch SCRATCH = new ThreadScratch();

    /** Each calling thread's operand holder, so that a broadcast-form product allocates nothing. */
    private static final ThreadLocal<BroadcastOperands> OPERANDS = ThreadLocal.withInitial(BroadcastOperands::new);

    private static void broadcast(double[] a, int aRowStride, int aColStride, double[] b, DMatrixRMaj c, int k,
            boolean add) {
        BroadcastOperands o = OPERANDS.get().set(a, aRowStride, aColStride, b, c.data, c.numCols, k, add);
        try {
            broadcast(o, c.numRows);
        } finally {
            o.release();
        }
    }

    /**
     * Runs a broadcast-form product into c with m rows, splitting it with the helper thread when
     * asked and large enough: by columns (at tile boundaries) when c has no more rows than b, so
     * that each thread reads half of b, else by rows, so that each thread writes whole rows of c (the
     * engine's own loop order follows the same rule). For a square weight's gradient, split by rows
     * rather than columns: rnn 128 8.0 -> 7.4 ms per update, rnn 512 112 -> 110, lstm 512 354 -> 347
     * (medians of three, JDK 17).
     */
    private static void broadcast(BroadcastOperands o, int m) {
        final int n = o.n;
        final long work = (long) m * n * o.k;
        ProductEngine engine = work < SMALL_PRODUCT ? ScalarProducts.INSTANCE : PRODUCTS;
        if (productThreads == 2 && work >= PARALLEL_PRODUCT) {
            boolean byColumns = m <= o.k && n >= 2 * VectorProducts.TILE_COLUMNS;
            if (byColumns || m >= 8) {
                int half = byColumns ? n / 2 / VectorProducts.TILE_COLUMNS * VectorProducts.TILE_COLUMNS : m / 2;
                int rowFrom = byColumns ? 0 : half;
                int colFrom = byColumns ? half : 0;
                if (ProductHelper.INSTANCE.tryBroadcast(engine, o, rowFrom, m, colFrom, n)) {
                    try {
                        engine.broadcast(o, 0, byColumns ? m : half, 0, byColumns ? half : n);
                    } finally {
                        ProductHelper.INSTANCE.await();
                    }
                    return;
                }
            }
        }
        engine.broadcast(o, 0, m, 0, n);
    }

    /**
     * Whether a product with a short side (an input of width 2) should be rearranged so that its long
     * sides run along vectors: only on the Vector API and for products large enough to pay for the
     * rearranging.
     */
    private static boolean rearrangePays(DMatrixRMaj c, int k) {
        return PRODUCTS != ScalarProducts.INSTANCE && (long) c.numRows * c.numCols * k >= REARRANGED_PRODUCT;
    }

    /**
     * c = a bᵀ for an inner dimension k below 8 (an input of width 2 projected): the dot form then has
     * no partial sums, each element being 0 + a0 b0 + a1 b1 + ..., which is exactly the broadcast
     * form's sum. So bᵀ is laid out in scratch and the broadcast form's vector tiles run over the long
     * sides: same bits, several times faster than the dot form's scalar loop for such k. (Not for
     * c += a bᵀ: the dot form adds the sum to c last, the broadcast form starts from c.)
     */
    private static void shortInnerTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        final int k = a.numCols;
        final int n = b.numRows;
        double[] bt = SCRATCH.atLeast(k * n);
        final double[] bd = b.data;
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = bd[j * k + p];
            }
        }
        BroadcastOperands o = OPERANDS.get().set(a.data, k, 1, bt, c.data, n, k, false);
        try {
            broadcast(o, c.numRows);
        } finally {
            o.release();
        }
    }

    /**
     * c (+)= aᵀ b for a c of a few columns (the gradient of a weight on a 2-wide input): computed as
     * its transpose cᵀ (+)= bᵀ a, in scratch, so that the vector tiles run along c's long side, then
     * written back. Each element adds the same terms from the same start in the same order (p
     * ascending): same bits as the direct loops.
     */
    private static void narrowTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean add) {
        final int m = c.numRows;
        final int n = c.numCols;
        final int k = a.numRows;
        double[] ct = SCRATCH.atLeast(n * m);
        final double[] cd = c.data;
        if (add) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    ct[j * m + i] = cd[i * n + j];
                }
            }
        }
        // cᵀ[j, i] = Σ_p b[p, j] a[p, i]: the left operand is b read transposed, the right one a as stored.
        BroadcastOperands o = OPERANDS.get().set(b.data, 1, n, a.data, ct, m, k, add);
        try {
            broadcast(o, n);
        } finally {
            o.release();
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                cd[i * n + j] = ct[j * m + i];
            }
        }
    }

    /** The loops for a product into c with inner dimension k. */
    private static ProductEngine products(DMatrixRMaj c, int k) {
        return (long) c.numRows * c.numCols * k < SMALL_PRODUCT ? ScalarProducts.INSTANCE : PRODUCTS;
    }

    /** Which product loops run in this JVM, in words: the bench's {@code blas} field. */
    public static String productPath() {
        return PRODUCTS.description();
    }

    private static ProductEngine chooseProducts() {
        // Checked here, where a bad value is reported, not swallowed with the Vector API's linkage errors.
        VectorWidth.checkProperty();
        if ("scalar".equals(System.getProperty(PRODUCTS_PROPERTY))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarProducts.INSTANCE;
        }
        try {
            // By name, so that a JVM without the module never loads the class.
            return (ProductEngine) Class.forName("org.rnnlab.kernels.VectorProducts").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
            return ScalarProducts.INSTANCE;
        }
    }

    /**
     * c = a b.
     *
     * @param a [m x k]. Not modified.
     * @param b [k x n]. Not modified.
     * @param c [m x n]. Modified.
     */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct(a.numRows, a.numCols, b.numRows, b.numCols, c, a, b);
        broadcast(a.data, a.numCols, 1, b.data, c, a.numCols, false);
    }

    /** c += a b. Shapes as {@link #mult}. */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct(a.numRows, a.numCols, b.numRows, b.numCols, c, a, b);
        broadcast(a.data, a.numCols, 1, b.data, c, a.numCols, true);
    }

    /**
     * c = a b^T, the forward product of a batch with a weight in PyTorch's layout.
     *
     * @param a [m x k]. Not modified.
     * @param b [n x k]. Not modified.
     * @param c [m x n]. Modified.
     */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct(a.numRows, a.numCols, b.numCols, b.numRows, c, a, b);
        if (a.numCols < SHORT_INNER && rearrangePays(c, a.numCols)) {
            shortInnerTransB(a, b, c);
            return;
        }
        dot(a.data, b.data, c, a.numCols, false);
    }

    /** c += a b^T. Shapes as {@link #multTransB}. */
    public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct(a.numRows, a.numCols, b.numCols, b.numRows, c, a, b);
        dot(a.data, b.data, c, a.numCols, true);
    }

    /**
     * c = a^T b.
     *
     * @param a [k x m]. Not modified.
     * @param b [k x n]. Not modified.
     * @param c [m x n]. Modified.
     */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct(a.numCols, a.numRows, b.numRows, b.numCols, c, a, b);
        if (c.numCols <= NARROW_OUTPUT && c.numRows >= VectorProducts.TILE_COLUMNS && rearrangePays(c, a.numRows)) {
            narrowTransA(a, b, c, false);
            return;
        }
        broadcast(a.data, 1, a.numCols, b.data, c, a.numRows, false);
    }

    /** c += a^T b, the accumulation of a weight's gradient. Shapes as {@link #multTransA}. */
    public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkProduct(a.numCols, a.numRows, b.numRows, b.numCols, c, a, b);
        if (c.numCols <= NARROW_OUTPUT && c.numRows >= VectorProducts.TILE_COLUMNS && rearrangePays(c, a.numRows)) {
            narrowTransA(a, b, c, true);
            return;
        }
        broadcast(a.data, 1, a.numCols, b.data, c, a.numRows, true);
    }

    /**
     * dst = srcᵀ: a weight kept transposed, so that a batch's product with it reads the weight along
     * its rows (the broadcast form) instead of taking dot products.
     *
     * @param src [m x n]. Not modified.
     * @param dst [n x m]. Modified.
     */
    public static void transpose(DMatrixRMaj src, DMatrixRMaj dst) {
        if (dst.numRows != src.numCols || dst.numCols != src.numRows) {
            throw new IllegalArgumentException("Output must be " + src.numCols + "x" + src.numRows + ", found "
                    + dst.numRows + "x" + dst.numCols);
        }
        checkNotAliased(dst, src, src);
        // EJML's transpose: blocked for large matrices, and allocation-free for an output of the right shape.
        CommonOps_DDRM.transpose(src, dst);
    }

    /**
     * c[i, j] += v[j] for every row i: adds a bias to every sequence of a batch.
     *
     * @param v vector of length c.numCols. Not modified.
     * @param c [batch x n]. Modified.
     */
    public static void addRowVector(DMatrixRMaj v, DMatrixRMaj c) {
        checkLength(v, c.numCols);
        rowWise(c.numRows, c.numCols).addRowVector(v.data, c.data, c.numRows, c.numCols);
    }

    /**
     * v[j] += sum over i of g[i, j]: accumulates a bias's gradient over a batch.
     *
     * @param g [batch x n]. Not modified.
     * @param v vector of length g.numCols. Modified.
     */
    public static void addColumnSums(DMatrixRMaj g, DMatrixRMaj v) {
        checkLength(v, g.numCols);
        rowWise(g.numRows, g.numCols).addColumnSums(g.data, v.data, g.numRows, g.numCols);
    }

    /**
     * The loops for a row-wise sum over [rows x n]: as for products, vectors only for enough elements
     * that the vector loops get compiled before they matter.
     */
    private static ProductEngine rowWise(int rows, int n) {
        return (long) rows * n >= SMALL_PRODUCT ? PRODUCTS : ScalarProducts.INSTANCE;
    }

    /** c = a + b, element-wise. c may be a or b. */
    public static void add(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkSameShape(a, b);
        checkSameShape(a, c);
        final double[] ad = a.data;
        final double[] bd = b.data;
        final double[] cd = c.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            cd[i] = ad[i] + bd[i];
        }
    }

    /** y += alpha x, element-wise. */
    public static void addScaled(double alpha, DMatrixRMaj x, DMatrixRMaj y) {
        checkSameShape(x, y);
        final double[] xd = x.data;
        final double[] yd = y.data;
        for (int i = 0, n = x.getNumElements(); i < n; i++) {
            yd[i] += alpha * xd[i];
        }
    }

    /** c = a * b, element-wise (Hadamard). c may be a or b. */
    public static void hadamard(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkSameShape(a, b);
        checkSameShape(a, c);
        final double[] ad = a.data;
        final double[] bd = b.data;
        final double[] cd = c.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            cd[i] = ad[i] * bd[i];
        }
    }

    /** c += a * b, element-wise. c must not be a or b. */
    public static void hadamardAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkSameShape(a, b);
        checkSameShape(a, c);
        checkNotAliased(c, a, b);
        final double[] ad = a.data;
        final double[] bd = b.data;
        final double[] cd = c.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            cd[i] += ad[i] * bd[i];
        }
    }

    /** a *= alpha, element-wise. */
    public static void scale(double alpha, DMatrixRMaj a) {
        final double[] ad = a.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            ad[i] *= alpha;
        }
    }

    /** dst = src, element-wise. */
    public static void copy(DMatrixRMaj src, DMatrixRMaj dst) {
        checkSameShape(src, dst);
        System.arraycopy(src.data, 0, dst.data, 0, src.getNumElements());
    }

    /** Row {@code row} of dst = row {@code row} of src; both have the same shape. */
    public static void copyRow(DMatrixRMaj src, DMatrixRMaj dst, int row) {
        checkSameShape(src, dst);
        int n = src.numCols;
        System.arraycopy(src.data, row * n, dst.data, row * n, n);
    }

    /**
     * Rows [dstRow, dstRow + rows) of dst = rows [srcRow, srcRow + rows) of src: moves a step's block
     * in and out of a matrix that stacks many steps.
     */
    public static void copyRows(DMatrixRMaj src, int srcRow, DMatrixRMaj dst, int dstRow, int rows) {
        if (src.numCols != dst.numCols) {
            throw new IllegalArgumentException("Must have the same columns. " + src.numRows + "x" + src.numCols
                    + " vs " + dst.numRows + "x" + dst.numCols);
        }
        if (rows < 0 || srcRow < 0 || dstRow < 0 || srcRow + rows > src.numRows || dstRow + rows > dst.numRows) {
            throw new IllegalArgumentException("Rows out of range: " + rows + " rows from row " + srcRow + " of "
                    + src.numRows + " to row " + dstRow + " of " + dst.numRows);
        }
        int n = src.numCols;
        System.arraycopy(src.data, srcRow * n, dst.data, dstRow * n, rows * n);
    }

    /** Sets row {@code row} of a to zero. */
    public static void zeroRow(DMatrixRMaj a, int row) {
        int n = a.numCols;
        java.util.Arrays.fill(a.data, row * n, row * n + n, 0.0);
    }

    /**
     * Magnitudes below which {@link #flushTiny} sets values to zero: far below any gradient that
     * moves a weight, and above the subnormal numbers (below 2.2e-308), which x86 processors
     * handle many times slower and which the JVM cannot flush to zero itself.
     */
    public static final double TINY = 1e-300;

    /**
     * Sets every element of a whose magnitude is below {@link #TINY} (but not zero) to zero:
     * backpropagation through time applies it to each step's state gradient, so that a vanishing
     * gradient reaches zero instead of passing through subnormal numbers (docs/performance.md).
     * NaN and infinities are kept.
     */
    public static void flushTiny(DMatrixRMaj a) {
        final double[] ad = a.data;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            double v = ad[i];
            if (Math.abs(v) < TINY && v != 0) {
                ad[i] = 0.0;
            }
        }
    }

    /** a = 0. */
    public static void zero(DMatrixRMaj a) {
        java.util.Arrays.fill(a.data, 0, a.getNumElements(), 0.0);
    }

    /** The sum of squares of a's elements. */
    public static double squaredNorm(DMatrixRMaj a) {
        final double[] ad = a.data;
        double s = 0;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            s += ad[i] * ad[i];
        }
        return s;
    }

    /** The sum over elements of a * b. */
    public static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        checkSameShape(a, b);
        final double[] ad = a.data;
        final double[] bd = b.data;
        double s = 0;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            s += ad[i] * bd[i];
        }
        return s;
    }

    /** Throws unless a and b have the same shape, saying both. */
    public static void checkSameShape(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException(
                    "Must be same shape. " + a.numRows + "x" + a.numCols + " vs " + b.numRows + "x" + b.numCols);
        }
    }

    private static void checkLength(DMatrixRMaj v, int length) {
        if (v.getNumElements() != length) {
            throw new IllegalArgumentException("Vector must have " + length + " elements, found "
                    + v.numRows + "x" + v.numCols);
        }
    }

    /** Checks (m x k)(k x n) into c [m x n], with the operands' shapes as written (after any transpose). */
    private static void checkProduct(int m, int k, int k2, int n, DMatrixRMaj c, DMatrixRMaj a, DMatrixRMaj b) {
        if (k != k2) {
            throw new IllegalArgumentException("Inner dimensions must agree. " + m + "x" + k + " times " + k2 + "x" + n);
        }
        if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("Output must be " + m + "x" + n + ", found " + c.numRows + "x" + c.numCols);
        }
        checkNotAliased(c, a, b);
    }

    private static void checkNotAliased(DMatrixRMaj out, DMatrixRMaj a, DMatrixRMaj b) {
        if (out == a || out == b || out.data == a.data || out.data == b.data) {
            throw new IllegalArgumentException("The output must not be an input");
        }
    }
}
