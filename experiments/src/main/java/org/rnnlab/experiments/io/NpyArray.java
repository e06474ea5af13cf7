package org.rnnlab.experiments.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as a {@code .npy} file holds it: an element type, a shape and the
 * elements in C order (the last index varies fastest). Elements are held as doubles whatever the
 * file's type: float32 widens exactly, and integers up to 2^53 in magnitude are exact.
 *
 * <pre>{@code
 * NpyArray x = Npy.read(Path.of("inputs.npy"));     // shape [N, T, F]
 * double v = x.get(n, t, f);
 * Npy.write(Path.of("out.npy"), NpyArray.of(new int[] {2, 3}, values));
 * }</pre>
 */
public final class NpyArray {
    private final NpyDtype dtype;
    private final int[] shape;
    private final double[] data;

    /**
     * @param shape the dimensions, each >= 0. Not modified.
     * @param data the elements in C order, as many as the shape holds. Held by reference, not copied.
     */
    public NpyArray(NpyDtype dtype, int[] shape, double[] data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.data = Objects.requireNonNull(data, "data");
        long n = 1;
        for (int d : this.shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Dimensions must be >= 0, found " + shapeText(this.shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("Shape " + shapeText(this.shape) + " holds " + n + " elements, found "
                    + data.length);
        }
        if (dtype.isInteger()) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] != Math.rint(data[i])) {
                    throw new IllegalArgumentException("An " + dtype.descr() + " array holds whole numbers, found "
                            + data[i] + " at index " + i);
                }
            }
        }
    }

    /** A float64 array. */
    public static NpyArray of(int[] shape, double[] data) {
        return new NpyArray(NpyDtype.FLOAT64, shape, data);
    }

    public NpyDtype dtype() {
        return dtype;
    }

    /** The dimensions. A copy. */
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

    /** The elements in C order, by reference. */
    public double[] data() {
        return data;
    }

    /** The element at these indices, one per dimension. */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("Need " + shape.length + " indices, found " + index.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " is outside shape " + shapeText(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return data[flat];
    }

    /** The shape as numpy prints it: {@code (2, 3)}, {@code (5,)}, {@code ()}. */
    public String shapeText() {
        return shapeText(shape);
    }

    static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + shapeText() + "]";
    }
}
