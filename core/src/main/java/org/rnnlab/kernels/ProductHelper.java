package org.rnnlab.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One helper thread that computes the second half of a product (its rows, or for the broadcast
 * form its rows or columns) while the caller computes the first ({@link Kernels#setProductThreads}),
 * or the second half of a long array's tanh or sigmoid ({@link ElementFunctions}), or of a batch's
 * rows for a row task ({@link Kernels#forRows}).
 * The hand-over allocates nothing: the task is a set of fields, published through a volatile flag.
 * Each side first spins briefly on the other's flag and only then parks: a product of hidden 128
 * takes tens of microseconds, about as long as waking a parked thread, so parking at once would eat
 * the gain; spinning is bounded ({@link #SPIN_NANOS}), so an idle helper costs nothing for long.
 * One product at a time: a caller that finds the helper busy (another thread's product) runs its
 * whole product itself.
 */
final class ProductHelper {
    static final ProductHelper INSTANCE = new ProductHelper();

    /**
     * How long either side spins before parking: the gap between two products of an update (a
     * step's element-wise work) is shorter than this, so the helper is usually awake for the next.
     */
    private static final long SPIN_NANOS = 200_000;

    private final AtomicBoolean busy = new AtomicBoolean();
    private final Thread thread;
    private volatile Thread caller;
    private volatile boolean pending;
    private volatile boolean done;
    /** Whether the helper is parked, or about to park: only then does a task need to unpark it. */
    private volatile boolean helperParked;
    /** Likewise for the caller waiting in {@link #await}. */
    private volatile boolean callerParked;
    private Throwable failure;

    /** What a task computes. */
    private enum Form { DOT, BROADCAST, TANH, SIGMOID, ROWS }

    // The task: rows [rowFrom, rowTo) of a dot-form product, rows [rowFrom, rowTo) and columns
    // [colFrom, colTo) of a broadcast-form one, y[i] = f(x[i]) for i in [rowFrom, rowTo), or a row
    // task over rows [rowFrom, rowTo).
    private Form form;
    private ProductEngine engine;
    private double[] a;
    private double[] b;
    private double[] c;
    private int rowFrom;
    private int rowTo;
    private int n;
    private int k;
    private boolean add;
    private BroadcastOperands operands;
    private int colFrom;
    private int colTo;
    private ElementFunctions.Loops loops;
    private double[] x;
    private double[] y;
    private RowTask rows;

    private ProductHelper() {
        thread = new Thread(this::serve, "rnnlab-products");
        thread.setDaemon(true);
        thread.start();
    }

    boolean tryDot(ProductEngine engine, double[] a, double[] b, double[] c, int rowFrom, int rowTo, int n, int k,
            boolean add) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        this.form = Form.DOT;
        this.a = a;
        this.b = b;
        this.c = c;
        this.rowFrom = rowFrom;
        this.rowTo = rowTo;
        this.n = n;
        this.k = k;
        this.add = add;
        start(engine);
        return true;
    }

    /** Hands rows [rowFrom, rowTo), columns [colFrom, colTo) of a broadcast-form product to the helper. */
    boolean tryBroadcast(ProductEngine engine, BroadcastOperands operands, int rowFrom, int rowTo, int colFrom,
            int colTo) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        this.form = Form.BROADCAST;
        this.operands = operands;
        this.rowFrom = rowFrom;
        this.rowTo = rowTo;
        this.colFrom = colFrom;
        this.colTo = colTo;
        start(engine);
        return true;
    }

    /** Hands y[i] = tanh(x[i]) (or the sigmoid) for i in [from, to) to the helper. */
    boolean tryElements(ElementFunctions.Loops loops, boolean tanh, double[] x, double[] y, int from, int to) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        this.form = tanh ? Form.TANH : Form.SIGMOID;
        this.loops = loops;
        this.x = x;
        this.y = y;
        this.rowFrom = from;
        this.rowTo = to;
        start(null);
        return true;
    }

    /** Hands rows [from, to) of a row task to the helper. */
    boolean tryRows(RowTask task, int from, int to) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        this.form = Form.ROWS;
        this.rows = task;
        this.rowFrom = from;
        this.rowTo = to;
        start(null);
        return true;
    }

    private void start(ProductEngine engine) {
        this.engine = engine;
        this.failure = null;
        this.caller = Thread.currentThread();
        this.done = false;
        this.pending = true;
        if (helperParked) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits for the helper's half, then frees it; rethrows what the helper threw. */
    void await() {
        long start = System.nanoTime();
        while (!done && System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        }
        while (!done) {
            callerParked = true;
            if (!done) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
        Throwable f = failure;
        engine = null;
        a = null;
        b = null;
        c = null;
        operands = null;
        loops = null;
        x = null;
        y = null;
        rows = null;
        busy.set(false);
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void serve() {
        while (true) {
            long start = System.nanoTime();
            while (!pending && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            while (!pending) {
                // Announce the park before the last look at the flag: a task published after that
                // look sees the announcement and unparks (both fields are volatile).
                helperParked = true;
                if (!pending) {
                    LockSupport.park(this);
                }
                helperParked = false;
            }
            pending = false;
            try {
                switch (form) {
                    case DOT -> engine.dot(a, b, c, rowFrom, rowTo, n, k, add);
                    case BROADCAST -> engine.broadcast(operands, rowFrom, rowTo, colFrom, colTo);
                    case TANH -> loops.tanh(x, y, rowFrom, rowTo);
                    case SIGMOID -> loops.sigmoid(x, y, rowFrom, rowTo);
                    case ROWS -> rows.run(rowFrom, rowTo);
                }
            } catch (Throwable t) {
                failure = t;
            }
            done = true;
            if (callerParked) {
                LockSupport.unpark(caller);
            }
        }
    }
}
