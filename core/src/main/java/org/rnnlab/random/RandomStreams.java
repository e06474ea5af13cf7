package org.rnnlab.random;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Every random choice of a run comes from a named stream split from the run's one seed.
 *
 * <p>The scheme, fixed so that results can be reproduced outside rnnlab: the stream named
 * {@code path} (for example {@code "init/layers[0]/weight_hh"} or {@code "data/train"}) is a
 * commons-math3 {@link Well19937c} seeded with the eight 32-bit words, read big-endian, of
 * SHA-256( seed as 8 bytes big-endian || path in UTF-8 ). A stream depends on the seed and its own
 * name only, so adding a parameter, a layer or a plugin does not shift the numbers any other
 * stream gives, and runs in parallel never share a generator.
 *
 * <pre>{@code
 * RandomStreams streams = new RandomStreams(42);
 * RandomGenerator init = streams.stream("init/layers[0]/weight_hh");
 * RandomStreams data = streams.child("data");   // data.stream("train") == stream("data/train")
 * }</pre>
 */
public final class RandomStreams {
    private final long seed;
    private final String prefix;

    /** The streams of a run with this seed. */
    public RandomStreams(long seed) {
        this(seed, "");
    }

    private RandomStreams(long seed, String prefix) {
        this.seed = seed;
        this.prefix = prefix;
    }

    public long seed() {
        return seed;
    }

    /** A new generator for the stream {@code name}, below this instance's prefix; same name, same numbers. */
    public RandomGenerator stream(String name) {
        return new Well19937c(seedWords(seed, qualified(name)));
    }

    /** The streams whose names start with {@code name + "/"}. */
    public RandomStreams child(String name) {
        return new RandomStreams(seed, qualified(name) + "/");
    }

    private String qualified(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A random stream needs a name");
        }
        return prefix + name;
    }

    /** The eight seed words of the stream {@code path} under {@code seed}, per the class documentation. */
    static int[] seedWords(long seed, String path) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        sha.update(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.BIG_ENDIAN).putLong(seed).array());
        ByteBuffer digest = ByteBuffer.wrap(sha.digest(path.getBytes(StandardCharsets.UTF_8))).order(ByteOrder.BIG_ENDIAN);
        int[] words = new int[8];
        for (int i = 0; i < words.length; i++) {
            words[i] = digest.getInt();
        }
        return words;
    }

    @Override
    public String toString() {
        return "RandomStreams(seed=" + seed + (prefix.isEmpty() ? "" : ", prefix=" + prefix) + ")";
    }
}
