package org.rnnlab.experiments.report;

import java.io.IOException;

/**
 * A study folder cannot be reported on: it is not a study, or one of its files is missing or does not
 * hold what docs/studies.md says. The message names the file (and line), what was found and what was
 * expected.
 */
public final class StudyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public StudyFileException(String message) {
        super(message);
    }

    public StudyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
