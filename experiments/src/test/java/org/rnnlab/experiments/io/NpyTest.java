package org.rnnlab.experiments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void float64RoundTripsBitForBit() throws IOException {
        double[] values = {0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY};
        Path file = dir.resolve("a.npy");
        Npy.write(file, NpyArray.of(new int[] {2, 3}, values));
        NpyArray back = Npy.read(file);
        assertThat(back.dtype()).isEqualTo(NpyDtype.FLOAT64);
        assertThat(back.shape()).containsExactly(2, 3);
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.data()[i])).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(back.get(1, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void writesWhatNumpyWrites() throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, NpyArray.of(new int[] {3}, new double[] {1, 2, 3}));
        byte[] bytes = Files.readAllBytes(file);
        // np.save of np.array([1., 2., 3.]) with numpy 1.x: a 128-byte header, then 24 bytes of data
        String header = new String(bytes, 10, 118, StandardCharsets.ISO_8859_1);
        assertThat(bytes).hasSize(128 + 24);
        assertThat(bytes[6]).isEqualTo((byte) 1);
        assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }").endsWith(" \n");
    }

    @Test
    void otherTypesRoundTrip() throws IOException {
        for (NpyDtype dtype : NpyDtype.values()) {
            Path file = dir.resolve(dtype.name() + ".npy");
            Npy.write(file, new NpyArray(dtype, new int[] {2, 2}, new double[] {1, -2, 3, 4}));
            NpyArray back = Npy.read(file);
            assertThat(back.dtype()).isEqualTo(dtype);
            assertThat(back.data()).containsExactly(1, -2, 3, 4);
        }
    }

    @Test
    void scalarsAndEmptyArrays() throws IOException {
        Path scalar = dir.resolve("s.npy");
        Npy.write(scalar, NpyArray.of(new int[0], new double[] {7}));
        assertThat(Npy.read(scalar).shape()).isEmpty();
        assertThat(Npy.read(scalar).data()).containsExactly(7);
        Path empty = dir.resolve("e.npy");
        Npy.write(empty, NpyArray.of(new int[] {0, 3}, new double[0]));
        assertThat(Npy.read(empty).shapeText()).isEqualTo("(0, 3)");
    }

    @Test
    void readsVersion2HeadersAndFloat32() throws IOException {
        Path file = dir.resolve("v2.npy");
        write(file, 2, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8, b -> b.putFloat(1.5f).putFloat(-2f));
        NpyArray a = Npy.read(file);
        assertThat(a.dtype()).isEqualTo(NpyDtype.FLOAT32);
        assertThat(a.data()).containsExactly(1.5, -2.0);
        assertThat(Npy.readHeader(file).shape()).containsExactly(2);
    }

    @Test
    void refusesFortranOrder() throws IOException {
        Path file = dir.resolve("f.npy");
        write(file, 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }", 8, b -> b.putDouble(1));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(NpyFormatException.class)
                .hasMessage(file + " is in Fortran order; rnnlab reads C order (save np.ascontiguousarray(a))");
    }

    @Test
    void refusesBigEndian() throws IOException {
        Path file = dir.resolve("b.npy");
        write(file, 1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", 8, b -> b.putDouble(1));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(NpyFormatException.class)
                .hasMessage(file + " has big-endian dtype '>f8'; rnnlab reads little-endian '<f8', '<f4', '<i8', '<i4'"
                        + " (convert with a.astype('<f8'))");
    }

    @Test
    void refusesOtherTypes() throws IOException {
        Path file = dir.resolve("c.npy");
        write(file, 1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16, b -> b.putDouble(1).putDouble(0));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(NpyFormatException.class)
                .hasMessage(file + " has dtype '<c16'; rnnlab reads '<f8', '<f4', '<i8', '<i4' (convert with a.astype('<f8'))");
        Path bool = dir.resolve("bool.npy");
        write(bool, 1, "{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }", 1, b -> b.put((byte) 1));
        assertThatThrownBy(() -> Npy.read(bool)).hasMessageContaining("has dtype '|b1'");
    }

    @Test
    void refusesTruncatedAndForeignFiles() throws IOException {
        Path file = dir.resolve("t.npy");
        write(file, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", 16, b -> b.putDouble(1).putDouble(2));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(NpyFormatException.class)
                .hasMessage(file + " is truncated: its header promises 3 values of 8 bytes (24 bytes of data), found 16");
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "a,b\n1,2\n");
        assertThatThrownBy(() -> Npy.read(text)).isInstanceOf(NpyFormatException.class)
                .hasMessage(text + " is not a NumPy .npy file: it does not start with \\x93NUMPY");
        Path v9 = dir.resolve("v9.npy");
        Files.write(v9, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9, 0, 0, 0});
        assertThatThrownBy(() -> Npy.read(v9)).hasMessage(v9 + " has .npy format version 9.0; rnnlab reads versions 1.0, 2.0 and 3.0");
    }

    @Test
    void refusesMalformedHeaders() throws IOException {
        Path file = dir.resolve("m.npy");
        write(file, 1, "{'descr': '<f8', 'shape': (1,), }", 8, b -> b.putDouble(1));
        assertThatThrownBy(() -> Npy.read(file)).hasMessage(file + " has a malformed header: no 'fortran_order' entry");
    }

    @Test
    void writingIsAtomic() throws IOException {
        Path file = dir.resolve("x.npy");
        Npy.write(file, NpyArray.of(new int[] {1}, new double[] {1}));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.npy");
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain"));
            assertThat(Files.getPosixFilePermissions(file)).as("permissions of a file written atomically")
                    .isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    /** A raw .npy file: the header padded to 64 bytes as numpy pads it, then data written by {@code data}. */
    private static void write(Path file, int major, String dict, int dataBytes, java.util.function.Consumer<ByteBuffer> data)
            throws IOException {
        int prefix = major == 1 ? 10 : 12;
        int length = (prefix + dict.length() + 1 + 63) / 64 * 64 - prefix;
        String header = dict + " ".repeat(length - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(prefix + length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) length);
        } else {
            b.putInt(length);
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        data.accept(b);
        Files.write(file, b.array());
    }
}
