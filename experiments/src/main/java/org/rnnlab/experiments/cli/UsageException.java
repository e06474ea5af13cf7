package org.rnnlab.experiments.cli;

/** A command was given something it cannot use (a missing file, a wrong shape): exit status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
