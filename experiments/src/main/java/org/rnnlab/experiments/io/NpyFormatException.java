package org.rnnlab.experiments.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file is not a {@code .npy} array rnnlab can read; the message names the file and says why. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public NpyFormatException(Path file, String problem) {
        super(file + " " + problem);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
