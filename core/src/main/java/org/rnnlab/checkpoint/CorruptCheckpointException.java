package org.rnnlab.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint file is not a valid safetensors file, or its tensor data no longer matches the
 * checksum written with it. The message starts with the file and says what is wrong:
 * {@code Cannot read checkpoint /tmp/x.safetensors: header length 4096 exceeds the 120 bytes after
 * it (file truncated?)}.
 *
 * <p>Checked, and an {@link IOException}: a damaged file is a fact about the disk, not a bug in
 * the caller, and code that loads a checkpoint already handles I/O failures; this lets it tell
 * "damaged" from "missing" or "unreadable" when it cares, and treat them alike when it does not.
 */
public final class CorruptCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public CorruptCheckpointException(Path file, String problem) {
        super("Cannot read checkpoint " + file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The file that could not be read; {@code null} after deserialization, as {@link Path} is not serializable. */
    public Path file() {
        return file;
    }

    /** What is wrong with the file, without the leading "Cannot read checkpoint FILE: ". */
    public String problem() {
        return problem;
    }
}
