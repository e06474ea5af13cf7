package org.rnnlab.experiments.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@code .npy} file's header says: its element type, its shape and where its data starts.
 * Reading only the header is cheap, so a spec can be checked against its data files before any
 * data is loaded.
 *
 * @param dtype the element type
 * @param shape the dimensions, C order; empty for a scalar. A copy is kept.
 * @param dataOffset the byte position where the data starts
 */
public record NpyHeader(NpyDtype dtype, int[] shape, long dataOffset) {

    public NpyHeader {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** The number of elements: the product of the dimensions. */
    public long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as numpy prints it: {@code (2, 3)}, {@code (5,)}, {@code ()}. */
    public String shapeText() {
        return NpyArray.shapeText(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && Arrays.equals(h.shape, shape) && h.dataOffset == dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype.descr() + " " + shapeText() + " at " + dataOffset + "]";
    }
}
