package org.rnnlab.experiments.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NumPy's {@code .npy} files (numpy.lib.format), so data and predictions move
 * between rnnlab and Python with {@code np.save} and {@code np.load}.
 *
 * <p>The format: the magic string {@code \x93NUMPY}, a major and a minor version byte, the header's
 * length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0), the header, then the
 * elements. The header is a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}, padded with spaces and ended by
 * a newline so the data starts at a multiple of 64 bytes. Version 3.0 differs from 2.0 only in
 * allowing UTF-8 in the header.
 *
 * <p>Read: versions 1.0, 2.0 and 3.0; element types {@code '<f8'}, {@code '<f4'}, {@code '<i8'} and
 * {@code '<i4'} ({@link NpyDtype}); C order. Fortran order, big-endian and every other type are
 * refused with a {@link NpyFormatException} naming the file and saying how to convert the array in
 * numpy. Written: version 1.0 (2.0 when the header needs more than 65535 bytes), C order, the array's
 * dtype, atomically ({@link AtomicFiles}).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * Reads the header only.
     *
     * @throws NpyFormatException if the file is not a readable {@code .npy} array
     * @throws IOException if it cannot be read at all
     */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel);
        }
    }

    /**
     * Reads the whole array.
     *
     * @throws NpyFormatException if the file is not a readable {@code .npy} array, or its data is
     *     shorter or longer than its header says
     * @throws IOException if it cannot be read at all
     */
    public static NpyArray read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader header = readHeader(file, channel);
            long elements = header.elements();
            if (elements > Integer.MAX_VALUE - 8) {
                throw new NpyFormatException(file, "holds " + elements + " values; rnnlab reads at most "
                        + (Integer.MAX_VALUE - 8) + " per array");
            }
            NpyDtype dtype = header.dtype();
            long dataBytes = elements * dtype.bytes();
            long available = channel.size() - header.dataOffset();
            if (available < dataBytes) {
                throw new NpyFormatException(file, "is truncated: its header promises " + elements + " values of "
                        + dtype.bytes() + " bytes (" + dataBytes + " bytes of data), found " + available);
            }
            if (available > dataBytes) {
                throw new NpyFormatException(file, "has " + (available - dataBytes) + " bytes after the " + dataBytes
                        + " bytes of data its header promises");
            }
            double[] data = new double[(int) elements];
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(header.dataOffset());
            int next = 0;
            while (next < data.length) {
                buffer.clear();
                int wanted = (int) Math.min(CHUNK, (long) (data.length - next) * dtype.bytes());
                buffer.limit(wanted);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        throw new NpyFormatException(file, "ended while its data was being read");
                    }
                }
                buffer.flip();
                while (buffer.remaining() >= dtype.bytes()) {
                    data[next] = switch (dtype) {
                        case FLOAT64 -> buffer.getDouble();
                        case FLOAT32 -> buffer.getFloat();
                        case INT32 -> buffer.getInt();
                        case INT64 -> exactLong(file, buffer.getLong(), next);
                    };
                    next++;
                }
            }
            return new NpyArray(dtype, header.shape(), data);
        }
    }

    private static double exactLong(Path file, long v, int index) throws NpyFormatException {
        if (Math.abs(v) > (1L << 53)) {
            throw new NpyFormatException(file, "holds " + v + " at index " + index
                    + ", beyond 2^53, which rnnlab cannot hold exactly");
        }
        return v;
    }

    /**
     * Writes {@code array} in its dtype, C order, replacing {@code file} atomically.
     *
     * @param file its directory is created if missing
     */
    public static void write(Path file, NpyArray array) throws IOException {
        NpyDtype dtype = array.dtype();
        double[] data = array.data();
        byte[] header = headerBytes(dtype, array.shape());
        AtomicFiles.write(file, out -> {
            out.write(header);
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : data) {
                if (buffer.remaining() < dtype.bytes()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                switch (dtype) {
                    case FLOAT64 -> buffer.putDouble(v);
                    case FLOAT32 -> buffer.putFloat((float) v);
                    case INT32 -> buffer.putInt((int) v);
                    case INT64 -> buffer.putLong((long) v);
                    default -> throw new AssertionError(dtype);
                }
            }
            out.write(buffer.array(), 0, buffer.position());
        });
    }

    /** Magic, version, length and padded header, so the data starts at a multiple of 64 bytes. */
    static byte[] headerBytes(NpyDtype dtype, int[] shape) {
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + NpyArray.shapeText(shape)
                + ", }";
        int major = 1;
        while (true) {
            int prefix = MAGIC.length + 2 + (major == 1 ? 2 : 4);
            int total = prefix + dict.length() + 1;
            int length = (total + 63) / 64 * 64 - prefix;
            if (major == 1 && length > 65535) {
                major = 2;
                continue;
            }
            String text = dict + " ".repeat(length - dict.length() - 1) + "\n";
            ByteBuffer b = ByteBuffer.allocate(prefix + length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).put((byte) major).put((byte) 0);
            if (major == 1) {
                b.putShort((short) length);
            } else {
                b.putInt(length);
            }
            b.put(text.getBytes(StandardCharsets.ISO_8859_1));
            return b.array();
        }
    }

    private static NpyHeader readHeader(Path file, FileChannel channel) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        while (start.hasRemaining() && channel.read(start) >= 0) {
            // read until the fixed part is in or the file ends
        }
        start.flip();
        byte[] magic = new byte[Math.min(MAGIC.length, start.remaining())];
        start.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new NpyFormatException(file, "is not a NumPy .npy file: it does not start with \\x93NUMPY");
        }
        if (start.remaining() < 4) {
            throw new NpyFormatException(file, "is truncated: it ends inside its header");
        }
        int major = start.get() & 0xff;
        int minor = start.get() & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file, "has .npy format version " + major + "." + minor
                    + "; rnnlab reads versions 1.0, 2.0 and 3.0");
        }
        long length;
        int prefix;
        if (major == 1) {
            length = start.getShort() & 0xffff;
            prefix = 10;
        } else {
            if (start.remaining() < 4) {
                throw new NpyFormatException(file, "is truncated: it ends inside its header");
            }
            length = start.getInt() & 0xffffffffL;
            prefix = 12;
        }
        if (length > 100_000_000L || prefix + length > channel.size()) {
            throw new NpyFormatException(file, "is truncated: its header length says " + length + " bytes, but the file has "
                    + (channel.size() - prefix) + " after the length");
        }
        ByteBuffer text = ByteBuffer.allocate((int) length);
        channel.position(prefix);
        while (text.hasRemaining() && channel.read(text) >= 0) {
            // read the whole header
        }
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> fields = new HeaderParser(file, dict).parse();
        return header(file, fields, prefix + length);
    }

    private static NpyHeader header(Path file, Map<String, Object> fields, long dataOffset) throws NpyFormatException {
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!fields.containsKey(key)) {
                throw new NpyFormatException(file, "has a malformed header: no '" + key + "' entry");
            }
        }
        if (!(fields.get("descr") instanceof String descr)) {
            throw new NpyFormatException(file, "has a structured dtype; rnnlab reads plain arrays of "
                    + NpyDtype.supported());
        }
        if (!(fields.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(file, "has a malformed header: 'fortran_order' must be True or False");
        }
        if (!(fields.get("shape") instanceof int[] shape)) {
            throw new NpyFormatException(file, "has a malformed header: 'shape' must be a tuple of whole numbers");
        }
        NpyDtype dtype = NpyDtype.fromDescr(descr);
        if (dtype == null) {
            if (descr.startsWith(">")) {
                throw new NpyFormatException(file, "has big-endian dtype '" + descr + "'; rnnlab reads little-endian "
                        + NpyDtype.supported() + " (convert with a.astype('<" + descr.substring(1) + "'))");
            }
            throw new NpyFormatException(file, "has dtype '" + descr + "'; rnnlab reads " + NpyDtype.supported()
                    + " (convert with a.astype('<f8'))");
        }
        if (fortran) {
            throw new NpyFormatException(file, "is in Fortran order; rnnlab reads C order (save np.ascontiguousarray(a))");
        }
        return new NpyHeader(dtype, shape, dataOffset);
    }

    /** Parses the header's Python dict literal: string keys; string, boolean or int-tuple values. */
    private static final class HeaderParser {
        private final Path file;
        private final String s;
        private int i;

        HeaderParser(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Map<String, Object> parse() throws NpyFormatException {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    i++;
                    break;
                }
                String key = string();
                expect(':');
                skipSpace();
                out.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw malformed("expected ',' or '}' at position " + i);
                }
            }
            return out;
        }

        private Object value() throws NpyFormatException {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (c == '[') {
                // A structured dtype's list of fields: skip it, the caller refuses it.
                int depth = 0;
                do {
                    char d = peek();
                    depth += d == '[' ? 1 : d == ']' ? -1 : 0;
                    i++;
                } while (depth > 0);
                return List.of();
            }
            throw malformed("unexpected '" + c + "' at position " + i);
        }

        private int[] tuple() throws NpyFormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    i++;
                    break;
                }
                int from = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (from == i) {
                    throw malformed("expected a dimension at position " + i);
                }
                long d = Long.parseLong(s.substring(from, Math.min(i, from + 18)));
                if (i - from > 18 || d > Integer.MAX_VALUE) {
                    throw new NpyFormatException(file, "has a dimension of " + s.substring(from, i)
                            + "; rnnlab reads dimensions up to " + Integer.MAX_VALUE);
                }
                if (peek() == 'L') {
                    i++;
                }
                dims.add((int) d);
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else if (peek() != ')') {
                    throw malformed("expected ',' or ')' at position " + i);
                }
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private String string() throws NpyFormatException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw malformed("expected a quoted string at position " + i);
            }
            int end = s.indexOf(quote, i + 1);
            if (end < 0) {
                throw malformed("unterminated string at position " + i);
            }
            String out = s.substring(i + 1, end);
            i = end + 1;
            return out;
        }

        private void expect(char c) throws NpyFormatException {
            skipSpace();
            if (peek() != c) {
                throw malformed("expected '" + c + "' at position " + i);
            }
            i++;
        }

        private char peek() throws NpyFormatException {
            if (i >= s.length()) {
                throw malformed("it ends early");
            }
            return s.charAt(i);
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private NpyFormatException malformed(String what) {
            return new NpyFormatException(file, "has a malformed header (" + what + "): " + s.strip());
        }
    }
}
