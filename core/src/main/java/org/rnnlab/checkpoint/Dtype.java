package org.rnnlab.checkpoint;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The safetensors element types rnnlab reads, with how to widen each to double. */
enum Dtype {
    F64(Double.BYTES) {
        @Override
        int decode(ByteBuffer bytes, double[] out, int offset) {
            int n = bytes.remaining() / Double.BYTES;
            bytes.asDoubleBuffer().get(out, offset, n);
            return n;
        }
    },
    F32(Float.BYTES) {
        @Override
        int decode(ByteBuffer bytes, double[] out, int offset) {
            FloatBuffer floats = bytes.asFloatBuffer();
            int n = floats.remaining();
            for (int i = 0; i < n; i++) {
                // Every float is exactly a double, so this loses nothing.
                out[offset + i] = floats.get(i);
            }
            return n;
        }
    };

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    int bytes() {
        return bytes;
    }

    /**
     * Widens every element between the buffer's position and limit into {@code out}, from
     * {@code offset} on, in the buffer's byte order.
     *
     * @param bytes a whole number of elements. Not modified (neither contents nor position).
     * @param out Modified.
     * @return how many elements were written
     */
    abstract int decode(ByteBuffer bytes, double[] out, int offset);

    /** The dtype with this safetensors name, or {@code null}. */
    static Dtype byName(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** "F64, F32", for messages that list what is supported. */
    static String supported() {
        return Arrays.stream(values()).map(Dtype::name).collect(Collectors.joining(", "));
    }
}
