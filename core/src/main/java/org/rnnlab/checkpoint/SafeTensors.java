package org.rnnlab.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes and reads checkpoints in Hugging Face's safetensors format.
 *
 * <pre>{@code
 * SafeTensors.write(path, List.of(new NamedTensor("weight_hh", new int[] {3, 3}, values)),
 *         Map.of("rnnlab.spec", specJson));
 * SafeTensorsFile checkpoint = SafeTensors.read(path);
 * double[] weights = checkpoint.tensor("weight_hh").data();
 * }</pre>
 *
 * <p>The format: an 8-byte little-endian unsigned length N; N bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype": "F64", "shape": [d0, d1, ...], "data_offsets": [begin, end]}}
 * (byte offsets into the data section, end exclusive), plus an optional {@code "__metadata__"}
 * object of string to string, the JSON padded at the end with spaces; then the data section, the
 * tensors' values little-endian in C order, one after the other without gaps.
 *
 * <p>What rnnlab's writer adds: the values are always F64, so a double survives bit for bit
 * (NaN, -0.0, subnormals, infinities); the header is padded to a multiple of 8 bytes so the data
 * starts aligned; the metadata gets {@value #FORMAT_KEY} = {@value #FORMAT_VERSION} and
 * {@value #SHA256_KEY} = the SHA-256 of the whole data section in lower-case hex, which a read
 * verifies; the metadata keys are written sorted, so the same tensors and metadata always give the
 * same bytes. The file appears atomically: it is written under a temporary name in the same
 * directory, forced to disk, then renamed over the target, so a crash or a failed write leaves
 * the previous checkpoint (or nothing) and never a half-written file under the real name.
 *
 * <p>The reader accepts any safetensors file whose tensors are F64 or F32, such as one saved by
 * PyTorch, with or without metadata or checksum, and refuses anything malformed with a
 * {@link CorruptCheckpointException} saying what is wrong. It reads through a
 * {@link java.nio.channels.FileChannel} a chunk at a time, so memory holds the result plus one
 * small buffer.
 */
public final class SafeTensors {
    /** Metadata key for the version of rnnlab's checkpoint conventions. */
    public static final String FORMAT_KEY = "rnnlab.format";
    /** The version this class writes, and the only one it reads when the key is present. */
    public static final String FORMAT_VERSION = "1";
    /** Metadata key for the lower-case hex SHA-256 of the data section. */
    public static final String SHA256_KEY = "rnnlab.sha256";
    /**
     * The largest header accepted. Real headers are kilobytes; the limit keeps a damaged or foreign
     * file's first 8 bytes from making a read allocate gigabytes.
     */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The metadata keys the writer sets itself, which callers may not pass. */
    static final Set<String> RESERVED_KEYS = Set.of(FORMAT_KEY, SHA256_KEY);

    private SafeTensors() {
    }

    /**
     * Writes {@code tensors} as F64, in the given order, with {@code metadata} plus the format and
     * checksum keys, replacing {@code file} atomically.
     *
     * @param file the checkpoint to create or replace; its directory must exist
     * @param tensors distinct names. Not modified.
     * @param metadata any strings, except the keys {@value #FORMAT_KEY} and {@value #SHA256_KEY}. Not modified.
     * @throws IllegalArgumentException if two tensors share a name, a metadata key is reserved or
     *     anything is null; every problem is listed, and nothing is written
     * @throws IOException if the file cannot be written; {@code file} is then left as it was
     */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        SafeTensorsWriter.write(file, tensors, metadata);
    }

    /**
     * Reads a safetensors file with F64 or F32 tensors, checking its layout and, when the file
     * carries {@value #SHA256_KEY}, its checksum.
     *
     * @return the metadata and the tensors, in the order of their data
     * @throws CorruptCheckpointException if the file is not a valid safetensors file, holds another
     *     dtype, or its data does not match its checksum
     * @throws IOException if the file cannot be read at all (missing, unreadable)
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        return SafeTensorsReader.read(file);
    }
}
