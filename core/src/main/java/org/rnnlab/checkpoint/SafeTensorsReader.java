package org.rnnlab.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one safetensors file: checks the header and the layout before allocating anything for the
 * data, then reads the data a chunk at a time, decoding and hashing each chunk as it goes.
 */
final class SafeTensorsReader {
    /** Size of the one reusable read buffer; a multiple of every dtype's size. */
    static final int CHUNK_BYTES = 1 << 20;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Longest piece of a JSON value quoted in a message. */
    private static final int QUOTE_LIMIT = 60;

    // Strict JSON (Jackson's default), and a duplicate key, be it a tensor name or a field of an
    // entry, is an error rather than a silent "last one wins". Strings may be as long as a header.
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength((int) SafeTensors.MAX_HEADER_BYTES)
                            .build())
                    .build())
            .build();

    /** One tensor as the header describes it, checked on its own but not yet against the others. */
    private record Entry(String name, Dtype dtype, long[] shape, int count, long begin, long end) {
        String span() {
            return "[" + begin + ", " + end + ")";
        }
    }

    private final Path file;

    private SafeTensorsReader(Path file) {
        this.file = file;
    }

    static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new SafeTensorsReader(file).read(channel);
        }
    }

    private SafeTensorsFile read(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < Long.BYTES) {
            throw corrupt("the file is " + fileSize + " bytes long, too short for the 8-byte header length "
                    + "every safetensors file starts with");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        long afterLength = fileSize - Long.BYTES;
        // Unsigned in the format: a value with the top bit set is negative here, and absurd either way.
        if (headerLength < 0 || headerLength > SafeTensors.MAX_HEADER_BYTES) {
            throw corrupt("header length " + Long.toUnsignedString(headerLength) + " exceeds the limit of "
                    + SafeTensors.MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
        }
        if (headerLength > afterLength) {
            throw corrupt("header length " + headerLength + " exceeds the " + afterLength
                    + " bytes after it (file truncated?)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, Long.BYTES);
        String header = decodeUtf8(headerBytes.flip());

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = parseHeader(header, metadata);
        long dataStart = Long.BYTES + headerLength;
        checkLayout(entries, fileSize - dataStart);
        String expectedSha = checkRnnlabMetadata(metadata);

        MessageDigest digest = expectedSha == null ? null : SafeTensorsWriter.sha256();
        List<NamedTensor> tensors = readData(channel, dataStart, fileSize - dataStart, entries, digest);
        if (digest != null) {
            String found = HexFormat.of().formatHex(digest.digest());
            if (!found.equals(expectedSha)) {
                throw corrupt("checksum mismatch: the tensor data has changed since it was written (expected "
                        + expectedSha + ", found " + found + ")");
            }
        }
        return new SafeTensorsFile(metadata, tensors);
    }

    private String decodeUtf8(ByteBuffer bytes) throws CorruptCheckpointException {
        // The JDK's convenience decoders replace bad bytes silently; a checkpoint header with bad
        // bytes is damaged, and the offset of the first bad byte helps whoever looks at it.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int at = bytes.position();
            throw corrupt("the header is not valid UTF-8 (byte 0x"
                    + HexFormat.of().toHexDigits(bytes.get(at)) + " at offset " + at + " of the header)");
        }
        return chars.flip().toString();
    }

    /** Parses the header JSON into tensor entries, in header order, and fills {@code metadata}. */
    private List<Entry> parseHeader(String header, Map<String, String> metadata) throws CorruptCheckpointException {
        List<Entry> entries = new ArrayList<>();
        // Streamed at the top level so that each entry is checked as it comes.
        try (JsonParser parser = MAPPER.createParser(header)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw corrupt("the header must be a JSON object, found "
                        + (token == null ? "nothing" : quote(parser.readValueAsTree())));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                JsonNode value = parser.readValueAsTree();
                if (key.equals(NamedTensor.METADATA_KEY)) {
                    parseMetadata(value, metadata);
                } else {
                    entries.add(parseEntry(key, value));
                }
            }
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw corrupt("the header has more text after its JSON object, at line " + at.getLineNr()
                        + ", column " + at.getColumnNr());
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw corrupt("the header is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (CorruptCheckpointException e) {
            throw e;
        } catch (IOException e) {
            // Parsing a String does no I/O; this would be a Jackson failure we cannot classify.
            throw corrupt("the header could not be parsed: " + e.getMessage());
        }
        return entries;
    }

    private void parseMetadata(JsonNode node, Map<String, String> metadata) throws CorruptCheckpointException {
        if (!node.isObject()) {
            throw corrupt("__metadata__ must be an object mapping strings to strings, found " + quote(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (!value.isTextual()) {
                throw corrupt("__metadata__ value for key '" + field.getKey() + "' must be a string, found "
                        + quote(value));
            }
            metadata.put(field.getKey(), value.textValue());
        }
    }

    private Entry parseEntry(String name, JsonNode node) throws CorruptCheckpointException {
        if (name.isEmpty()) {
            throw corrupt("the header has a tensor with an empty name, which rnnlab does not accept");
        }
        String tensor = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw corrupt(tensor + " must be an object with dtype, shape and data_offsets, found " + quote(node));
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("dtype", "shape", "data_offsets")) {
            if (!node.has(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw corrupt(tensor + " has no " + String.join(" and no ", missing));
        }
        // Other keys are ignored: a later version of the format may add some, and nothing here
        // depends on them.

        JsonNode dtypeNode = node.get("dtype");
        if (!dtypeNode.isTextual()) {
            throw corrupt(tensor + ": dtype must be a string, found " + quote(dtypeNode));
        }
        Dtype dtype = Dtype.byName(dtypeNode.textValue());
        if (dtype == null) {
            throw corrupt(tensor + " has dtype " + dtypeNode.textValue()
                    + ", which rnnlab cannot read; supported dtypes are " + Dtype.supported());
        }

        JsonNode shapeNode = node.get("shape");
        long[] shape = wholeNumbers(shapeNode);
        if (shape == null) {
            throw corrupt(tensor + ": shape must be an array of whole numbers, found " + quote(shapeNode));
        }
        long count = NamedTensor.elementCount(shape);
        if (count < 0) {
            throw corrupt(tensor + ": shape " + Arrays.toString(shape) + " has a negative dimension");
        }
        if (count > Integer.MAX_VALUE || Arrays.stream(shape).anyMatch(d -> d > Integer.MAX_VALUE)) {
            throw corrupt(tensor + ": shape " + Arrays.toString(shape)
                    + " holds more values than a Java array can (" + Integer.MAX_VALUE + ")");
        }

        JsonNode offsetsNode = node.get("data_offsets");
        long[] offsets = wholeNumbers(offsetsNode);
        if (offsets == null || offsets.length != 2) {
            throw corrupt(tensor + ": data_offsets must be [begin, end] with whole numbers, found "
                    + quote(offsetsNode));
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin) {
            throw corrupt(tensor + ": data_offsets " + Arrays.toString(offsets) + " must satisfy 0 <= begin <= end");
        }
        long needed = count * dtype.bytes();
        if (end - begin != needed) {
            throw corrupt(tensor + ": data_offsets " + Arrays.toString(offsets) + " span " + (end - begin)
                    + " bytes, but shape " + Arrays.toString(shape) + " of " + dtype + " needs " + needed);
        }
        return new Entry(name, dtype, shape, (int) count, begin, end);
    }

    /** The array's elements if it is an array of integers that fit a long, else {@code null}. */
    private static long[] wholeNumbers(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong()) {
                return null;
            }
            values[i] = element.longValue();
        }
        return values;
    }

    /**
     * Checks that the tensors tile the data section exactly: sorted by offset, the first starts at
     * 0, each starts where the previous one ends, and the last ends where the file does.
     *
     * @param entries sorted in place by offset. Modified.
     */
    private void checkLayout(List<Entry> entries, long dataLength) throws CorruptCheckpointException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin() < covered) {
                throw corrupt("tensor '" + e.name() + "' at data bytes " + e.span() + " overlaps tensor '"
                        + previous.name() + "' at " + previous.span());
            }
            if (e.begin() > covered) {
                throw corrupt("data bytes [" + covered + ", " + e.begin() + ") belong to no tensor (a gap before tensor '"
                        + e.name() + "'); tensors must be laid out without gaps");
            }
            covered = e.end();
            previous = e;
        }
        if (covered > dataLength) {
            Entry first = entries.stream().filter(e -> e.end() > dataLength).findFirst().orElseThrow();
            throw corrupt("tensor '" + first.name() + "' ends at data byte " + first.end() + ", but the file holds only "
                    + dataLength + " bytes of data after the header (file truncated?)");
        }
        if (covered < dataLength) {
            throw corrupt("the file holds " + dataLength + " bytes of data after the header, but the tensors cover only "
                    + covered + " (extra bytes at the end)");
        }
    }

    /** Checks the keys rnnlab's writer sets, when present; returns the checksum to verify, or {@code null}. */
    private String checkRnnlabMetadata(Map<String, String> metadata) throws CorruptCheckpointException {
        String format = metadata.get(SafeTensors.FORMAT_KEY);
        if (format != null && !format.equals(SafeTensors.FORMAT_VERSION)) {
            throw corrupt("metadata " + SafeTensors.FORMAT_KEY + " is \"" + format
                    + "\", but this version of rnnlab reads format " + SafeTensors.FORMAT_VERSION + " only");
        }
        String sha = metadata.get(SafeTensors.SHA256_KEY);
        if (sha != null && !SHA256_HEX.matcher(sha).matches()) {
            throw corrupt("metadata " + SafeTensors.SHA256_KEY + " must be 64 lower-case hex digits, found \""
                    + abbreviate(sha) + "\"");
        }
        return sha;
    }

    /**
     * Reads the data section in offset order, one {@link #CHUNK_BYTES} buffer at a time; each chunk
     * is hashed (if {@code digest} is given) and widened straight into its tensor's array.
     */
    private List<NamedTensor> readData(FileChannel channel, long dataStart, long dataLength, List<Entry> entries,
            MessageDigest digest) throws IOException {
        // Every tensor's byte count is a multiple of its element size, and the buffer's size is a
        // multiple of 8, so no chunk splits an element.
        long rounded = (dataLength + 7) / 8 * 8;
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.max(8, Math.min(CHUNK_BYTES, rounded)))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<NamedTensor> tensors = new ArrayList<>(entries.size());
        long position = dataStart;
        for (Entry e : entries) {
            double[] data = new double[e.count()];
            int filled = 0;
            long remaining = e.end() - e.begin();
            while (remaining > 0) {
                int length = (int) Math.min(chunk.capacity(), remaining);
                chunk.clear().limit(length);
                readFully(channel, chunk, position);
                chunk.flip();
                if (digest != null) {
                    digest.update(chunk.duplicate());
                }
                filled += e.dtype().decode(chunk, data, filled);
                position += length;
                remaining -= length;
            }
            tensors.add(new NamedTensor(e.name(), toInts(e.shape()), data));
        }
        return tensors;
    }

    private static int[] toInts(long[] shape) {
        // Each dimension was checked to fit an int when the entry was parsed.
        int[] ints = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            ints[i] = Math.toIntExact(shape[i]);
        }
        return ints;
    }

    private void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw corrupt("the file ended at byte " + at + " while it was being read (was it changed meanwhile?)");
            }
            at += n;
        }
    }

    private CorruptCheckpointException corrupt(String problem) {
        return new CorruptCheckpointException(file, problem);
    }

    private static String quote(JsonNode node) {
        return abbreviate(node.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= QUOTE_LIMIT ? s : s.substring(0, QUOTE_LIMIT) + "...";
    }
}
