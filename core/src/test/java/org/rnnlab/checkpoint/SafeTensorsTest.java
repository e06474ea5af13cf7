package org.rnnlab.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.checkpoint.RawFiles.concat;
import static org.rnnlab.checkpoint.RawFiles.f32;
import static org.rnnlab.checkpoint.RawFiles.f64;
import static org.rnnlab.checkpoint.RawFiles.headerLength;
import static org.rnnlab.checkpoint.RawFiles.headerText;
import static org.rnnlab.checkpoint.RawFiles.listing;
import static org.rnnlab.checkpoint.RawFiles.put;
import static org.rnnlab.checkpoint.RawFiles.safetensors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    /** SHA-256 of the 16 bytes of 1.0 and 2.0 as little-endian doubles, computed outside Java. */
    private static final String SHA_1_2 = "dc91ce9a50ddc828740aa26743716897fdb2bb64f1db662fe263a59be56145ae";

    @TempDir
    Path dir;

    private static final double[] AWKWARD = {
        0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Math.ulp(1.0), 1.0 + Math.ulp(1.0), Math.PI, -1e-300, 1e-40,
    };

    @Test
    void roundTripIsBitIdentical() throws IOException {
        double[] cube = new double[2 * 3 * 4];
        for (int i = 0; i < cube.length; i++) {
            cube[i] = i % 2 == 0 ? AWKWARD[i % AWKWARD.length] : -i / 7.0;
        }
        List<NamedTensor> written = List.of(
                new NamedTensor("layers.0.weight_hh", new int[] {2, 3, 4}, cube),
                NamedTensor.scalar("step", -0.0),
                new NamedTensor("awkward", new int[] {AWKWARD.length}, AWKWARD.clone()),
                new NamedTensor("nothing", new int[] {0, 5}, new double[0]),
                NamedTensor.scalar("überall ✓", Double.MIN_VALUE));
        Map<String, String> metadata = Map.of("spec", "{\"cell\": \"lstm\"}", "seed", "42");
        Path file = dir.resolve("model.safetensors");

        SafeTensors.write(file, written, metadata);
        SafeTensorsFile read = SafeTensors.read(file);

        assertThat(read.tensors()).containsExactlyElementsOf(written);
        for (int i = 0; i < written.size(); i++) {
            assertThat(bits(read.tensors().get(i).data())).containsExactly(bits(written.get(i).data()));
            assertThat(read.tensors().get(i).shape()).containsExactly(written.get(i).shape());
        }
        assertThat(read.names()).containsExactly("layers.0.weight_hh", "step", "awkward", "nothing", "überall ✓");
        assertThat(read.userMetadata()).isEqualTo(metadata);
        assertThat(read.metadata()).containsEntry("rnnlab.format", "1").containsKey("rnnlab.sha256").hasSize(4);
        assertThat(read.tensor("step").data()).containsExactly(-0.0);
    }

    @Test
    void exactBytesOfATinyFile() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        SafeTensors.write(file, List.of(new NamedTensor("w", new int[] {2}, new double[] {1.0, 2.0})),
                Map.of("task", "adding"));

        byte[] bytes = Files.readAllBytes(file);
        // 191 bytes of JSON plus one space of padding: 192 = 0xC0.
        assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0xC0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(headerText(file)).isEqualTo("{\"__metadata__\":{\"rnnlab.format\":\"1\",\"rnnlab.sha256\":\""
                + SHA_1_2 + "\",\"task\":\"adding\"},\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}} ");
        assertThat(Arrays.copyOfRange(bytes, 200, bytes.length)).containsExactly(f64(1.0, 2.0));
        assertThat(bytes).hasSize(8 + 192 + 16);
    }

    @Test
    void headerIsPaddedWithSpacesToAMultipleOf8() throws IOException {
        for (int nameLength = 1; nameLength <= 8; nameLength++) {
            Path file = dir.resolve("pad" + nameLength + ".safetensors");
            SafeTensors.write(file, List.of(NamedTensor.scalar("x".repeat(nameLength), 1)), Map.of());
            long n = headerLength(file);
            String header = headerText(file);
            String json = header.stripTrailing();
            assertThat(n % 8).as("header length %d for a name of %d", n, nameLength).isZero();
            assertThat(json).endsWith("}");
            assertThat(header.substring(json.length())).matches(" {0,7}");
        }
    }

    @Test
    void sameTensorsAndMetadataGiveTheSameBytes() throws IOException {
        Map<String, String> inOneOrder = new LinkedHashMap<>();
        inOneOrder.put("b", "2");
        inOneOrder.put("a", "1");
        Map<String, String> inAnother = new HashMap<>(Map.of("a", "1", "b", "2"));
        List<NamedTensor> tensors = List.of(NamedTensor.scalar("x", 3));
        SafeTensors.write(dir.resolve("one"), tensors, inOneOrder);
        SafeTensors.write(dir.resolve("two"), tensors, inAnother);
        assertThat(Files.readAllBytes(dir.resolve("one"))).isEqualTo(Files.readAllBytes(dir.resolve("two")));
    }

    @Test
    void dataLargerThanOneChunkSurvives() throws IOException {
        // Crosses the reader's and writer's chunk boundary with a tensor that does not fill the last chunk.
        int n = SafeTensorsReader.CHUNK_BYTES / 8 * 2 + 3;
        double[] big = new double[n];
        for (int i = 0; i < n; i++) {
            big[i] = Math.sin(i) * 1e-3;
        }
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, List.of(NamedTensor.scalar("first", 1), new NamedTensor("big", new int[] {n}, big),
                NamedTensor.scalar("last", 2)), Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(read.tensor("big").data()).isEqualTo(big);
        assertThat(read.tensor("last").data()).containsExactly(2.0);
    }

    @Test
    void readsF32WrittenByAnotherToolWidenedExactly() throws IOException {
        float[] values = {0.1f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-40f};
        Path file = put(dir, "torch.safetensors", safetensors(
                "{\"__metadata__\":{\"format\":\"pt\"},"
                        + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                        + "\"fc.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[24,32]}}",
                concat(f32(values), f64(0.25))));

        SafeTensorsFile read = SafeTensors.read(file);

        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        assertThat(bits(read.tensor("fc.weight").data())).containsExactly(bits(widened));
        assertThat(read.tensor("fc.weight").data()[0]).isEqualTo(0.10000000149011612);
        assertThat(read.tensor("fc.weight").shape()).containsExactly(2, 3);
        assertThat(read.tensor("fc.bias").data()).containsExactly(0.25);
        assertThat(read.metadata()).containsExactly(Map.entry("format", "pt"));
    }

    @Test
    void readsAFileWithNoMetadataInDataOrder() throws IOException {
        // The header lists "b" first, but its data comes second.
        Path file = put(dir, "plain.safetensors", safetensors(
                "{\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]},"
                        + "\"a\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]}}",
                f64(-1.5, 7)));

        SafeTensorsFile read = SafeTensors.read(file);

        assertThat(read.metadata()).isEmpty();
        assertThat(read.names()).containsExactly("a", "b");
        assertThat(read.tensor("a").data()).containsExactly(-1.5);
        assertThat(read.tensor("b").rank()).isZero();
        assertThat(read.tensor("b").data()).containsExactly(7.0);
    }

    @Test
    void readsAnEmptyCheckpoint() throws IOException {
        Path file = dir.resolve("empty.safetensors");
        SafeTensors.write(file, List.of(), Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(read.tensors()).isEmpty();
        // The SHA-256 of no bytes.
        assertThat(read.metadata()).containsEntry("rnnlab.sha256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(SafeTensors.read(put(dir, "bare.safetensors", safetensors("{}", new byte[0]))).tensors()).isEmpty();
    }

    @Test
    void missingTensorListsTheOnesThere() throws IOException {
        Path file = dir.resolve("m.safetensors");
        SafeTensors.write(file, List.of(NamedTensor.scalar("weight_ih", 1), NamedTensor.scalar("bias_ih", 2)), Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        assertThatThrownBy(() -> read.tensor("weight_hh"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("No tensor named 'weight_hh' in this checkpoint; it has [weight_ih, bias_ih]");
    }

    @Test
    void aMissingFileIsNotCalledCorrupt() {
        assertThatThrownBy(() -> SafeTensors.read(dir.resolve("absent.safetensors")))
                .isExactlyInstanceOf(NoSuchFileException.class);
    }

    @Test
    void writeLeavesNoTemporaryFilesAndReplacesAnEarlierCheckpoint() throws IOException {
        Path file = dir.resolve("run.safetensors");
        SafeTensors.write(file, List.of(NamedTensor.scalar("x", 1)), Map.of());
        SafeTensors.write(file, List.of(NamedTensor.scalar("x", 2)), Map.of());
        assertThat(listing(dir)).containsExactly("run.safetensors");
        assertThat(SafeTensors.read(file).tensor("x").data()).containsExactly(2.0);
    }

    @Test
    void refusedWriteLeavesTheEarlierFileUntouched() throws IOException {
        Path file = dir.resolve("run.safetensors");
        SafeTensors.write(file, List.of(NamedTensor.scalar("x", 1)), Map.of());
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> SafeTensors.write(file,
                List.of(NamedTensor.scalar("w", 1), NamedTensor.scalar("b", 2), NamedTensor.scalar("w", 3)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot write checkpoint " + file
                        + ": tensors[2] is named 'w' like tensors[0]; tensor names must be unique");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing(dir)).containsExactly("run.safetensors");
    }

    @Test
    void reservedMetadataKeysAreRefused() throws IOException {
        Path file = dir.resolve("r.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(file, List.of(), Map.of("rnnlab.sha256", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot write checkpoint " + file + ": metadata key 'rnnlab.sha256' is reserved: "
                        + "rnnlab writes rnnlab.format and rnnlab.sha256 itself");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void everyProblemOfAWriteAtOnce() throws IOException {
        Path file = dir.resolve("r.safetensors");
        Map<String, String> metadata = new HashMap<>();
        metadata.put("rnnlab.format", "1");
        metadata.put("note", null);
        assertThatThrownBy(() -> SafeTensors.write(file,
                Arrays.asList(NamedTensor.scalar("a", 1), null, NamedTensor.scalar("a", 2)), metadata))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot write checkpoint " + file + ": 4 problems:\n"
                        + "- tensors[1] is null\n"
                        + "- tensors[2] is named 'a' like tensors[0]; tensor names must be unique\n"
                        + "- metadata key 'note' has a null value\n"
                        + "- metadata key 'rnnlab.format' is reserved: rnnlab writes rnnlab.format and rnnlab.sha256 itself");
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void writeThatFailsOnDiskCleansUpAfterItself() throws IOException {
        // A non-empty directory in the way: the final rename fails after the data was written.
        Path blocker = Files.createDirectory(dir.resolve("busy.safetensors"));
        Files.writeString(blocker.resolve("inside"), "keep me", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SafeTensors.write(blocker, List.of(NamedTensor.scalar("x", 1)), Map.of()))
                .isInstanceOf(IOException.class);

        assertThat(listing(dir)).containsExactly("busy.safetensors");
        assertThat(Files.readString(blocker.resolve("inside"))).isEqualTo("keep me");
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
