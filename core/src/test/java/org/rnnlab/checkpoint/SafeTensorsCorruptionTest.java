package org.rnnlab.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnnlab.checkpoint.RawFiles.f64;
import static org.rnnlab.checkpoint.RawFiles.flipBit;
import static org.rnnlab.checkpoint.RawFiles.headerLength;
import static org.rnnlab.checkpoint.RawFiles.headerText;
import static org.rnnlab.checkpoint.RawFiles.put;
import static org.rnnlab.checkpoint.RawFiles.safetensors;
import static org.rnnlab.checkpoint.RawFiles.withLength;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can be refused, each with its exact message. */
class SafeTensorsCorruptionTest {
    private static final String A = "\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}";

    @TempDir
    Path dir;

    /** A real checkpoint: "a" = [1, 2] at data bytes [0, 16), "b" = [3, 4, 5] at [16, 40). */
    private Path written() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, List.of(new NamedTensor("a", new int[] {2}, new double[] {1, 2}),
                new NamedTensor("b", new int[] {3}, new double[] {3, 4, 5})), Map.of("seed", "7"));
        return file;
    }

    private Path file(String headerJson, byte[] data) throws IOException {
        return put(dir, "x.safetensors", safetensors(headerJson, data));
    }

    private static void assertRefused(Path file, String problem) {
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessage("Cannot read checkpoint " + file + ": " + problem)
                .satisfies(e -> {
                    assertThat(((CorruptCheckpointException) e).file()).isEqualTo(file);
                    assertThat(((CorruptCheckpointException) e).problem()).isEqualTo(problem);
                });
    }

    // --- the first 8 bytes ---

    @Test
    void fileShorterThanTheHeaderLength() throws IOException {
        assertRefused(put(dir, "short.safetensors", new byte[5]),
                "the file is 5 bytes long, too short for the 8-byte header length every safetensors file starts with");
        assertRefused(put(dir, "empty.safetensors", new byte[0]),
                "the file is 0 bytes long, too short for the 8-byte header length every safetensors file starts with");
    }

    @Test
    void headerLongerThanTheFile() throws IOException {
        assertRefused(put(dir, "x.safetensors", withLength(4096, new byte[120])),
                "header length 4096 exceeds the 120 bytes after it (file truncated?)");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        assertRefused(put(dir, "big.safetensors", withLength(100_000_001, new byte[16])),
                "header length 100000001 exceeds the limit of 100000000 bytes (not a safetensors file?)");
        // The length is unsigned: all ones is 2^64 - 1, not -1.
        assertRefused(put(dir, "ones.safetensors", withLength(-1, new byte[16])),
                "header length 18446744073709551615 exceeds the limit of 100000000 bytes (not a safetensors file?)");
    }

    @Test
    void aTextFileIsNotACheckpoint() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.safetensors"), "hello world, not tensors");
        // "hello wo" read as a little-endian length.
        assertRefused(file,
                "header length 8031924123371070824 exceeds the limit of 100000000 bytes (not a safetensors file?)");
    }

    // --- the header as text and JSON ---

    @Test
    void headerThatIsNotUtf8() throws IOException {
        Path file = written();
        int at = headerText(file).indexOf("F64");
        // 'F' (0x46) becomes 0xC6, which starts a two-byte sequence that '6' cannot continue.
        flipBit(file, 8 + at, 7);
        assertRefused(file, "the header is not valid UTF-8 (byte 0xc6 at offset " + at + " of the header)");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertRefused(file("{\"a\": {\"dtype\": \"F64\",", new byte[0]),
                "the header is not valid JSON: Unexpected end-of-input within/between Object entries (line 1, column 25)");
    }

    @Test
    void headerWithTextAfterTheObject() throws IOException {
        assertRefused(file("{}{}", new byte[0]), "the header has more text after its JSON object, at line 1, column 3");
    }

    @Test
    void headerThatIsNotAnObject() throws IOException {
        assertRefused(file("[1, 2]", new byte[0]), "the header must be a JSON object, found [1,2]");
        assertRefused(put(dir, "blank.safetensors", withLength(8, "        ".getBytes(StandardCharsets.US_ASCII))),
                "the header must be a JSON object, found nothing");
    }

    @Test
    void twoTensorsWithOneName() throws IOException {
        assertRefused(file("{" + A + "," + A + "}", f64(1, 2)),
                "the header is not valid JSON: Duplicate field 'a' (line 1, column 59)");
    }

    @Test
    void duplicateKeyInsideAnEntry() throws IOException {
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,8]}}", f64(1)),
                "the header is not valid JSON: Duplicate field 'dtype' (line 1, column 28)");
    }

    // --- tensor entries ---

    @Test
    void entryThatIsNotAnObject() throws IOException {
        assertRefused(file("{\"a\":[0,16]}", f64(1, 2)),
                "tensor 'a' must be an object with dtype, shape and data_offsets, found [0,16]");
    }

    @Test
    void entryMissingFields() throws IOException {
        assertRefused(file("{\"a\":{\"dtype\":\"F64\"}}", new byte[0]), "tensor 'a' has no shape and no data_offsets");
        assertRefused(file("{\"a\":{\"shape\":[2],\"data_offsets\":[0,16]}}", f64(1, 2)), "tensor 'a' has no dtype");
    }

    @Test
    void entryFieldsOfTheWrongType() throws IOException {
        assertRefused(file("{\"a\":{\"dtype\":64,\"shape\":[2],\"data_offsets\":[0,16]}}", f64(1, 2)),
                "tensor 'a': dtype must be a string, found 64");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":\"2\",\"data_offsets\":[0,16]}}", f64(1, 2)),
                "tensor 'a': shape must be an array of whole numbers, found \"2\"");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2.0],\"data_offsets\":[0,16]}}", f64(1, 2)),
                "tensor 'a': shape must be an array of whole numbers, found [2.0]");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16]}}", f64(1, 2)),
                "tensor 'a': data_offsets must be [begin, end] with whole numbers, found [16]");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,\"16\"]}}", f64(1, 2)),
                "tensor 'a': data_offsets must be [begin, end] with whole numbers, found [0,\"16\"]");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}}",
                        f64(1, 2)),
                "tensor 'a': data_offsets must be [begin, end] with whole numbers, found [0,99999999999999999999]");
    }

    @Test
    void unsupportedDtype() throws IOException {
        assertRefused(file("{\"a\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", f64(1, 2)),
                "tensor 'a' has dtype I64, which rnnlab cannot read; supported dtypes are F64, F32");
    }

    @Test
    void negativeDimension() throws IOException {
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2,-1],\"data_offsets\":[0,16]}}", f64(1, 2)),
                "tensor 'a': shape [2, -1] has a negative dimension");
    }

    @Test
    void shapeTooLargeForJava() throws IOException {
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,16]}}", f64(1, 2)),
                "tensor 'a': shape [65536, 65536] holds more values than a Java array can (2147483647)");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[0,4294967296],\"data_offsets\":[0,0]}}", new byte[0]),
                "tensor 'a': shape [0, 4294967296] holds more values than a Java array can (2147483647)");
    }

    @Test
    void emptyTensorName() throws IOException {
        assertRefused(file("{\"\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", f64(1)),
                "the header has a tensor with an empty name, which rnnlab does not accept");
    }

    @Test
    void offsetsThatDoNotMatchTheShape() throws IOException {
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,12]}}", new byte[12]),
                "tensor 'a': data_offsets [0, 12] span 12 bytes, but shape [2] of F64 needs 16");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,32]}}", new byte[32]),
                "tensor 'a': data_offsets [0, 32] span 32 bytes, but shape [2, 2] of F32 needs 16");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,0]}}", f64(1, 2)),
                "tensor 'a': data_offsets [16, 0] must satisfy 0 <= begin <= end");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[-8,8]}}", f64(1, 2)),
                "tensor 'a': data_offsets [-8, 8] must satisfy 0 <= begin <= end");
    }

    @Test
    void bitFlippedInTheHeaderShape() throws IOException {
        Path file = written();
        // "shape":[2] becomes "shape":[3]: one bit, and the offsets no longer fit.
        flipBit(file, 8 + headerText(file).indexOf("[2]") + 1, 0);
        assertRefused(file, "tensor 'a': data_offsets [0, 16] span 16 bytes, but shape [3] of F64 needs 24");
    }

    // --- layout of the data section ---

    @Test
    void overlappingTensors() throws IOException {
        assertRefused(file("{" + A + ",\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", f64(1, 2, 3)),
                "tensor 'b' at data bytes [8, 24) overlaps tensor 'a' at [0, 16)");
    }

    @Test
    void gapsBetweenOrBeforeTensors() throws IOException {
        assertRefused(file("{" + A + ",\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[24,32]}}", f64(1, 2, 0, 3)),
                "data bytes [16, 24) belong to no tensor (a gap before tensor 'b'); "
                        + "tensors must be laid out without gaps");
        assertRefused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}", f64(0, 1)),
                "data bytes [0, 8) belong to no tensor (a gap before tensor 'a'); tensors must be laid out without gaps");
    }

    @Test
    void offsetsBeyondTheDataSection() throws IOException {
        assertRefused(file("{" + A + "}", f64(1)),
                "tensor 'a' ends at data byte 16, but the file holds only 8 bytes of data after the header "
                        + "(file truncated?)");
    }

    @Test
    void truncatedFile() throws IOException {
        Path file = written();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 3);
        }
        assertRefused(file, "tensor 'b' ends at data byte 40, but the file holds only 37 bytes of data after the header "
                + "(file truncated?)");
    }

    @Test
    void bytesAfterTheLastTensor() throws IOException {
        Path file = written();
        Files.write(file, new byte[] {0, 0, 0, 0}, StandardOpenOption.APPEND);
        assertRefused(file,
                "the file holds 44 bytes of data after the header, but the tensors cover only 40 (extra bytes at the end)");
    }

    // --- metadata and checksum ---

    @Test
    void metadataValuesMustBeStrings() throws IOException {
        assertRefused(file("{\"__metadata__\":{\"format\":\"pt\",\"epochs\":3}}", new byte[0]),
                "__metadata__ value for key 'epochs' must be a string, found 3");
        assertRefused(file("{\"__metadata__\":[\"pt\"]}", new byte[0]),
                "__metadata__ must be an object mapping strings to strings, found [\"pt\"]");
    }

    @Test
    void bitFlippedInTheData() throws IOException {
        Path file = written();
        long dataStart = 8 + headerLength(file);
        String expected = SafeTensors.read(file).metadata().get("rnnlab.sha256");
        flipBit(file, dataStart + 20, 3);
        byte[] bytes = Files.readAllBytes(file);
        String found = sha256(Arrays.copyOfRange(bytes, (int) dataStart, bytes.length));

        assertRefused(file, "checksum mismatch: the tensor data has changed since it was written (expected "
                + expected + ", found " + found + ")");
    }

    @Test
    void checksumThatIsNotHex() throws IOException {
        assertRefused(file("{\"__metadata__\":{\"rnnlab.sha256\":\"ABC\"}}", new byte[0]),
                "metadata rnnlab.sha256 must be 64 lower-case hex digits, found \"ABC\"");
    }

    @Test
    void laterFormatVersion() throws IOException {
        assertRefused(file("{\"__metadata__\":{\"rnnlab.format\":\"2\"}}", new byte[0]),
                "metadata rnnlab.format is \"2\", but this version of rnnlab reads format 1 only");
    }

    @Test
    void checksumIsVerifiedWhenAnotherToolKeptIt() throws IOException {
        // A tool that rewrote the header but kept rnnlab's metadata and the data is fine ...
        String sha = sha256(f64(1, 2));
        Path good = file("{\"__metadata__\":{\"rnnlab.sha256\":\"" + sha + "\"}," + A + "}", f64(1, 2));
        assertThat(SafeTensors.read(good).tensor("a").data()).containsExactly(1.0, 2.0);
        // ... one that changed the data is not.
        Path bad = put(dir, "bad.safetensors",
                safetensors("{\"__metadata__\":{\"rnnlab.sha256\":\"" + sha + "\"}," + A + "}", f64(1, 3)));
        assertRefused(bad, "checksum mismatch: the tensor data has changed since it was written (expected " + sha
                + ", found " + sha256(f64(1, 3)) + ")");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
