package org.rnnlab.spi;

/**
 * A run produced a non-finite loss or gradient and its policy says stop. The message names the
 * update and the parameter; the run is recorded as diverged and its finished work is kept.
 */
public final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long update;
    private final String parameter;

    public DivergedException(long update, String parameter, String message) {
        super(message);
        this.update = update;
        this.parameter = parameter;
    }

    /** The update (counted from 1) at which the run diverged. */
    public long update() {
        return update;
    }

    /** The parameter whose gradient was first found non-finite, or "loss". */
    public String parameter() {
        return parameter;
    }
}
