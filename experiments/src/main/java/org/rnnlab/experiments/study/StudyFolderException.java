package org.rnnlab.experiments.study;

/**
 * A study folder that cannot be used as asked: it already holds a study, it holds another study than
 * the one to resume, or its files are damaged. The message says which and what to do.
 */
public final class StudyFolderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StudyFolderException(String message) {
        super(message);
    }
}
