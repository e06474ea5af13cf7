package org.rnnlab.checkpoint;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes one safetensors file. The data is encoded twice, a chunk at a time: once to compute the
 * checksum that goes into the header, once to write it after the header. Encoding is cheap next
 * to the disk, and this way no byte copy of the whole data is ever held.
 */
final class SafeTensorsWriter {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final byte PAD = ' ';

    /** Receives the data section one encoded chunk at a time. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    private SafeTensorsWriter() {
    }

    static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        checkArguments(file, tensors, metadata);

        ByteBuffer chunk = ByteBuffer.allocate(SafeTensorsReader.CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        MessageDigest digest = sha256();
        encodeData(tensors, chunk, digest::update);
        byte[] header = header(tensors, metadata, HexFormat.of().formatHex(digest.digest()));
        if (header.length > SafeTensors.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("Cannot write checkpoint " + file + ": its header would be "
                    + header.length + " bytes, over the " + SafeTensors.MAX_HEADER_BYTES + " bytes a reader accepts");
        }

        Path target = file.toAbsolutePath();
        // Hidden and with a .tmp suffix, so nothing that lists *.safetensors picks up a partial file.
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES + header.length).order(ByteOrder.LITTLE_ENDIAN);
                prefix.putLong(header.length).put(header).flip();
                writeFully(channel, prefix);
                encodeData(tensors, chunk, c -> writeFully(channel, c));
                // On disk before the rename: otherwise a crash right after it could leave the new
                // name pointing at a file whose data never reached the disk.
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Refuses, all problems at once, what would make a file that cannot be read back as given. */
    private static void checkArguments(Path file, List<NamedTensor> tensors, Map<String, String> metadata) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            NamedTensor t = tensors.get(i);
            if (t == null) {
                problems.add("tensors[" + i + "] is null");
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(t.name(), i);
            if (earlier != null) {
                problems.add("tensors[" + i + "] is named '" + t.name() + "' like tensors[" + earlier
                        + "]; tensor names must be unique");
            }
        }
        // Sorted, so the problems come out in the same order whatever kind of map was passed.
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null) {
                problems.add("metadata has a null key");
            } else {
                keys.add(e.getKey());
            }
        }
        keys.sort(null);
        for (String key : keys) {
            if (SafeTensors.RESERVED_KEYS.contains(key)) {
                problems.add("metadata key '" + key + "' is reserved: rnnlab writes " + SafeTensors.FORMAT_KEY
                        + " and " + SafeTensors.SHA256_KEY + " itself");
            }
            if (metadata.get(key) == null) {
                problems.add("metadata key '" + key + "' has a null value");
            }
        }
        if (problems.size() == 1) {
            throw new IllegalArgumentException("Cannot write checkpoint " + file + ": " + problems.get(0));
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Cannot write checkpoint ").append(file).append(": ")
                    .append(problems.size()).append(" problems:");
            for (String p : problems) {
                message.append("\n- ").append(p);
            }
            throw new IllegalArgumentException(message.toString());
        }
    }

    /**
     * The header JSON, compact, metadata first with its keys sorted, then the tensors in the given
     * order, padded with spaces to a multiple of 8 bytes so the data section starts aligned.
     */
    private static byte[] header(List<NamedTensor> tensors, Map<String, String> metadata, String sha256)
            throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode meta = root.putObject(NamedTensor.METADATA_KEY);
        Map<String, String> sorted = new TreeMap<>(metadata);
        sorted.put(SafeTensors.FORMAT_KEY, SafeTensors.FORMAT_VERSION);
        sorted.put(SafeTensors.SHA256_KEY, sha256);
        sorted.forEach(meta::put);
        long offset = 0;
        for (NamedTensor t : tensors) {
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", Dtype.F64.name());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + (long) t.size() * Double.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = MAPPER.writeValueAsBytes(root);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, PAD);
        return padded;
    }

    /** Encodes every tensor's values as little-endian F64, in order, into {@code chunk} and hands each full chunk on. */
    private static void encodeData(List<NamedTensor> tensors, ByteBuffer chunk, ChunkSink sink) throws IOException {
        chunk.clear();
        for (NamedTensor t : tensors) {
            double[] data = t.data();
            int from = 0;
            while (from < data.length) {
                int n = Math.min(data.length - from, chunk.remaining() / Double.BYTES);
                // The view stores raw bits (doubleToRawLongBits), so no NaN is canonicalized on the way out.
                chunk.asDoubleBuffer().put(data, from, n);
                chunk.position(chunk.position() + n * Double.BYTES);
                from += n;
                if (chunk.remaining() < Double.BYTES) {
                    sink.accept(chunk.flip());
                    chunk.clear();
                }
            }
        }
        if (chunk.position() > 0) {
            sink.accept(chunk.flip());
            chunk.clear();
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
