package org.rnnlab.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor of doubles in C order (the last index varies fastest), as one entry of a
 * checkpoint.
 *
 * <p>A shape of {@code []} is a scalar holding one value; a dimension may be 0, making an empty
 * tensor. The shape is copied in and out. The data is <em>not</em> copied: the record holds the
 * caller's array, because a checkpoint's tensors can be large and a second copy of each would
 * double the memory a save or load needs. Whoever builds a {@code NamedTensor} hands the array
 * over and should not change it afterwards; whoever reads {@link #data()} gets that same array.
 *
 * <p>Two tensors are equal when name, shape and data are equal, the data compared bit for bit as
 * {@link Arrays#equals(double[], double[])} does (NaN equals NaN, 0.0 differs from -0.0), which is
 * what "the checkpoint holds the same tensor" means.
 *
 * @param name the tensor's name, as in a PyTorch state_dict ({@code layers.0.weight_hh}); not
 *     empty and not {@code __metadata__}, which the format reserves
 * @param shape the dimensions, each {@code >= 0}. Not modified.
 * @param data the values, {@code product(shape)} of them. Not modified; held, not copied.
 */
public record NamedTensor(String name, int[] shape, double[] data) {

    /** The safetensors header's key for the metadata, which no tensor may be named. */
    static final String METADATA_KEY = "__metadata__";

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A tensor needs a name, found an empty one");
        }
        if (name.equals(METADATA_KEY)) {
            throw new IllegalArgumentException(
                    "A tensor cannot be named '" + METADATA_KEY + "': safetensors reserves that key for metadata");
        }
        shape = shape.clone();
        long size = elementCount(shape);
        if (size < 0) {
            throw new IllegalArgumentException("Tensor '" + name + "': every dimension must be >= 0, found "
                    + Arrays.toString(shape));
        }
        if (size != data.length) {
            throw new IllegalArgumentException("Tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " holds " + size + " values, but data has " + data.length);
        }
    }

    /** A tensor of shape {@code []} holding one value. */
    public static NamedTensor scalar(String name, double value) {
        return new NamedTensor(name, new int[0], new double[] {value});
    }

    /** The dimensions; a copy. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The values in C order; the array this record holds, not a copy. Not modified by this class. */
    @Override
    public double[] data() {
        return data;
    }

    /** Number of dimensions; 0 for a scalar. */
    public int rank() {
        return shape.length;
    }

    /** Number of values: the product of the shape, 1 for a scalar. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t
                && name.equals(t.name) && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    /** Name and shape only: a tensor's values could fill a log. */
    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }

    /**
     * The product of the dimensions as a long (1 for {@code []}), or -1 if a dimension is negative.
     * Saturates at {@link Long#MAX_VALUE} instead of overflowing, which any caller's size check
     * then refuses.
     */
    static long elementCount(long[] shape) {
        long n = 1;
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            if (d == 0) {
                empty = true;
            } else if (n > Long.MAX_VALUE / d) {
                n = Long.MAX_VALUE;
            } else {
                n *= d;
            }
        }
        // A zero anywhere empties the tensor, even after dimensions whose product saturated.
        return empty ? 0 : n;
    }

    private static long elementCount(int[] shape) {
        return elementCount(Arrays.stream(shape).asLongStream().toArray());
    }
}
