package org.rnnlab.experiments.tasks;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * MNIST digits read from the IDX files MNIST is distributed in (LeCun, Cortes, Burges,
 * http://yann.lecun.com/exdb/mnist/): an images file (magic number 0x00000803: unsigned bytes in three
 * dimensions, count x 28 x 28) and a labels file (0x00000801: count labels 0 to 9), big-endian,
 * gzip-compressed or not (recognised by gzip's magic bytes 1f 8b, whatever the file's name).
 */
final class Mnist {
    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    static final String SHIPPED_IMAGES = "/data/mnist-10k-images-idx3-ubyte.gz";
    static final String SHIPPED_LABELS = "/data/mnist-10k-labels-idx1-ubyte.gz";
    /** Of the 10,000 shipped digits, the first 9,000 train and the last 1,000 are held out. */
    static final int SHIPPED_TRAINING = 9_000;
    private static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private static volatile Splits shipped;

    private Mnist() {
    }

    /**
     * Images and their labels.
     *
     * @param pixels image i's pixel p (row-major) at {@code i * PIXELS + p}, grey levels 0 to 255
     * @param labels image i's digit
     */
    record Digits(byte[] pixels, byte[] labels) {
        int size() {
            return labels.length;
        }

        int label(int item) {
            return labels[item];
        }

        /** Pixel p of image {@code item}, scaled to [0, 1]. */
        double pixel(int item, int p) {
            return (pixels[item * PIXELS + p] & 0xff) / 255.0;
        }

        /** Digits {@code [from, to)}. */
        Digits range(int from, int to) {
            return new Digits(Arrays.copyOfRange(pixels, from * PIXELS, to * PIXELS), Arrays.copyOfRange(labels, from, to));
        }

        /** How many images show each digit. */
        int[] classCounts() {
            int[] counts = new int[10];
            for (byte label : labels) {
                counts[label]++;
            }
            return counts;
        }
    }

    record Splits(Digits train, Digits test) {
    }

    /** The 10,000 digits shipped in this jar: the first 9,000 for training, the last 1,000 held out. Read once. */
    static Splits shipped() {
        Splits s = shipped;
        if (s == null) {
            synchronized (Mnist.class) {
                s = shipped;
                if (s == null) {
                    try {
                        Digits all = read("classpath:" + SHIPPED_IMAGES, resource(SHIPPED_IMAGES),
                                "classpath:" + SHIPPED_LABELS, resource(SHIPPED_LABELS));
                        s = new Splits(all.range(0, SHIPPED_TRAINING), all.range(SHIPPED_TRAINING, all.size()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("The MNIST digits shipped in rnnlab-experiments cannot be read", e);
                    }
                    shipped = s;
                }
            }
        }
        return s;
    }

    /**
     * The full MNIST in a directory, with its own split: training from {@code train-images-idx3-ubyte}
     * and {@code train-labels-idx1-ubyte}, held out from {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}; each name may end in {@code .gz}.
     *
     * @throws FileNotFoundException if a file is missing
     * @throws CorruptDataException if a file is not what it should be
     */
    static Splits fromDirectory(Path dir) throws IOException {
        Path[] files = new Path[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            files[i] = find(dir, FILES[i]);
        }
        return new Splits(read(files[0], files[1]), read(files[2], files[3]));
    }

    /**
     * Checks that {@code dir} holds the four files, without reading them.
     *
     * @throws FileNotFoundException naming the first missing file
     */
    static void checkDirectory(Path dir) throws FileNotFoundException {
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException(dir + " is not a directory");
        }
        for (String name : FILES) {
            find(dir, name);
        }
    }

    private static Path find(Path dir, String name) throws FileNotFoundException {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new FileNotFoundException("No " + name + " or " + name + ".gz in " + dir + "; an MNIST directory holds "
                + String.join(", ", FILES) + ", each optionally gzipped (.gz)");
    }

    static Digits read(Path images, Path labels) throws IOException {
        return read(images.toString(), Files.readAllBytes(images), labels.toString(), Files.readAllBytes(labels));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Mnist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new FileNotFoundException("No resource " + name + " on the classpath");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Parses an images file and a labels file, each given by its name (for messages) and raw bytes.
     *
     * @throws CorruptDataException naming the file, what was expected and what was found
     */
    static Digits read(String imagesName, byte[] imagesFile, String labelsName, byte[] labelsFile)
            throws CorruptDataException {
        byte[] images = gunzipIfNeeded(imagesName, imagesFile);
        byte[] labels = gunzipIfNeeded(labelsName, labelsFile);
        checkHeader(imagesName, images, IMAGES_MAGIC, "MNIST images", 16);
        checkHeader(labelsName, labels, LABELS_MAGIC, "MNIST labels", 8);
        int rows = readInt(images, 8);
        int cols = readInt(images, 12);
        if (rows != SIDE || cols != SIDE) {
            throw new CorruptDataException(imagesName, "expected " + SIDE + "x" + SIDE + " images, found " + rows + "x" + cols);
        }
        long imageCount = Integer.toUnsignedLong(readInt(images, 4));
        checkSize(imagesName, images, 16 + imageCount * PIXELS, imageCount + " images of 28x28", "image");
        if (imageCount == 0) {
            throw new CorruptDataException(imagesName, "expected at least one image, found 0");
        }
        long labelCount = Integer.toUnsignedLong(readInt(labels, 4));
        checkSize(labelsName, labels, 8 + labelCount, labelCount + " labels", "label");
        if (labelCount != imageCount) {
            throw new CorruptDataException(labelsName, "holds " + labelCount + " labels but " + imagesName + " holds "
                    + imageCount + " images; expected one label per image");
        }
        byte[] digits = Arrays.copyOfRange(labels, 8, labels.length);
        for (int i = 0; i < digits.length; i++) {
            if (digits[i] < 0 || digits[i] > 9) {
                throw new CorruptDataException(labelsName, "label " + (digits[i] & 0xff) + " at index " + i
                        + " is not a digit 0-9");
            }
        }
        return new Digits(Arrays.copyOfRange(images, 16, images.length), digits);
    }

    private static byte[] gunzipIfNeeded(String name, byte[] raw) throws CorruptDataException {
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CorruptDataException(name, "starts as gzip but does not decompress: " + e.getMessage());
        }
    }

    private static void checkHeader(String name, byte[] b, int magic, String kind, int headerBytes)
            throws CorruptDataException {
        if (b.length >= 4 && readInt(b, 0) != magic) {
            throw new CorruptDataException(name, String.format("expected the IDX magic number 0x%08x (%s), found 0x%08x",
                    magic, kind, readInt(b, 0)));
        }
        if (b.length < headerBytes) {
            throw new CorruptDataException(name, "truncated: the IDX header of " + kind + " has " + headerBytes
                    + " bytes, found " + b.length);
        }
    }

    private static void checkSize(String name, byte[] b, long expected, String content, String item)
            throws CorruptDataException {
        if (b.length < expected) {
            throw new CorruptDataException(name, "truncated: " + content + " need " + expected + " bytes, found " + b.length);
        }
        if (b.length > expected) {
            throw new CorruptDataException(name, content + " need " + expected + " bytes, found " + b.length
                    + ": extra bytes after the last " + item);
        }
    }

    private static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8 | (b[offset + 3] & 0xff);
    }
}
