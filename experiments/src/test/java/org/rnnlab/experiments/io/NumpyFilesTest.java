package org.rnnlab.experiments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by numpy 2.4 itself (src/test/resources/npy, made with np.save and
 * np.lib.format.write_array): a = np.arange(6).reshape(2, 3) / 4 as '<f8', '<f4', version 2.0,
 * Fortran order and '>f8'; [3, -1, 7] as '<i8' and '<i4'; a bool array.
 */
class NumpyFilesTest {
    private static final double[] A = {0, 0.25, 0.5, 0.75, 1, 1.25};

    private static Path file(String name) {
        try {
            return Path.of(NumpyFilesTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsNumpysFloatsAndIntegers() throws IOException {
        for (String name : new String[] {"f8_2x3.npy", "f4_2x3.npy", "f8_v2_2x3.npy"}) {
            NpyArray a = Npy.read(file(name));
            assertThat(a.shape()).as(name).containsExactly(2, 3);
            assertThat(a.data()).as(name).containsExactly(A);
        }
        assertThat(Npy.read(file("f4_2x3.npy")).dtype()).isEqualTo(NpyDtype.FLOAT32);
        assertThat(Npy.read(file("i8_3.npy")).data()).containsExactly(3, -1, 7);
        assertThat(Npy.read(file("i4_3.npy")).dtype()).isEqualTo(NpyDtype.INT32);
    }

    @Test
    void writesWhatNumpyWrites(@TempDir Path dir) throws IOException {
        Path mine = dir.resolve("mine.npy");
        Npy.write(mine, NpyArray.of(new int[] {2, 3}, A));
        byte[] numpy = Files.readAllBytes(file("f8_2x3.npy"));
        byte[] written = Files.readAllBytes(mine);
        assertThat(written).hasSameSizeAs(numpy);
        // Same magic, version, header length and data; numpy 2 pads the header with more spaces inside.
        assertThat(java.util.Arrays.copyOfRange(written, 0, 10)).containsExactly(java.util.Arrays.copyOfRange(numpy, 0, 10));
        assertThat(java.util.Arrays.copyOfRange(written, 128, 176)).containsExactly(java.util.Arrays.copyOfRange(numpy, 128, 176));
    }

    @Test
    void refusesWhatItCannotRead() {
        Path fortran = file("fortran_2x3.npy");
        assertThatThrownBy(() -> Npy.read(fortran))
                .hasMessage(fortran + " is in Fortran order; rnnlab reads C order (save np.ascontiguousarray(a))");
        Path big = file("big_endian_2x3.npy");
        assertThatThrownBy(() -> Npy.read(big)).hasMessage(big + " has big-endian dtype '>f8'; rnnlab reads little-endian "
                + "'<f8', '<f4', '<i8', '<i4' (convert with a.astype('<f8'))");
        Path bool = file("bool_3.npy");
        assertThatThrownBy(() -> Npy.read(bool))
                .hasMessage(bool + " has dtype '|b1'; rnnlab reads '<f8', '<f4', '<i8', '<i4' (convert with a.astype('<f8'))");
    }
}
