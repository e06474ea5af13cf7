package org.rnnlab.experiments.io;

import java.util.Arrays;
import java.util.List;

/** The element types rnnlab reads and writes in {@code .npy} files: little-endian floats and integers. */
public enum NpyDtype {
    /** {@code '<f8'}: numpy's float64. */
    FLOAT64("<f8", 8, false),
    /** {@code '<f4'}: numpy's float32; read values widen exactly to double. */
    FLOAT32("<f4", 4, false),
    /** {@code '<i8'}: numpy's int64, for class indices and lengths. */
    INT64("<i8", 8, true),
    /** {@code '<i4'}: numpy's int32. */
    INT32("<i4", 4, true);

    private final String descr;
    private final int bytes;
    private final boolean integer;

    NpyDtype(String descr, int bytes, boolean integer) {
        this.descr = descr;
        this.bytes = bytes;
        this.integer = integer;
    }

    /** The {@code descr} string of the header, as numpy writes it: {@code "<f8"}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether the elements are whole numbers. */
    public boolean isInteger() {
        return integer;
    }

    /** The dtype with this {@code descr}, or null. */
    public static NpyDtype fromDescr(String descr) {
        for (NpyDtype d : values()) {
            if (d.descr.equals(descr)) {
                return d;
            }
        }
        return null;
    }

    /** Every supported {@code descr}, quoted, for messages: {@code '<f8', '<f4', '<i8', '<i4'}. */
    static String supported() {
        List<String> quoted = Arrays.stream(values()).map(d -> "'" + d.descr + "'").toList();
        return String.join(", ", quoted);
    }
}
