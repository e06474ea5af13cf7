package org.rnnlab.experiments.tasks;

import java.io.IOException;
import java.util.Objects;

/**
 * A data file is not what its task expects: wrong magic number, truncated, or at odds with its
 * companion file. The message starts with the file and says what was expected and what was found:
 * {@code Cannot read data file /data/train-labels-idx1-ubyte: expected the IDX magic number 0x00000801
 * (MNIST labels), found 0x00000803}.
 *
 * <p>Checked, as core's {@code CorruptCheckpointException}: a damaged file is a fact about the disk,
 * not a bug in the caller.
 */
public final class CorruptDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file the file as a person finds it: a path, or a classpath resource
     * @param problem what is wrong, naming what was expected and what was found
     */
    public CorruptDataException(String file, String problem) {
        super("Cannot read data file " + file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The file that could not be read. */
    public String file() {
        return file;
    }

    /** What is wrong with it, without the leading "Cannot read data file FILE: ". */
    public String problem() {
        return problem;
    }
}
