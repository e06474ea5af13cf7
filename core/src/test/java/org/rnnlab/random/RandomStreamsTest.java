package org.rnnlab.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    /** Seed words computed outside Java (Python's hashlib) from the scheme in the class Javadoc. */
    @Test
    void seedWordsFollowTheDocumentedScheme() {
        assertThat(RandomStreams.seedWords(42, "init/layers[0]/weight_hh")).containsExactly(
                -1209753842, 1481198116, 651030742, 1626120571, 1084068729, 601915411, -2128096627, 37078076);
        assertThat(RandomStreams.seedWords(-1, "data/train")).containsExactly(
                -975354753, 1742292390, -841215818, -1169974873, -2028219961, -903744805, -1737156186, -899009848);
    }

    @Test
    void streamIsAWell19937cSeededWithThoseWords() {
        RandomGenerator expected = new Well19937c(RandomStreams.seedWords(42, "init/layers[0]/weight_hh"));
        RandomGenerator actual = new RandomStreams(42).stream("init/layers[0]/weight_hh");
        for (int i = 0; i < 100; i++) {
            assertThat(actual.nextLong()).isEqualTo(expected.nextLong());
        }
    }

    @Test
    void sameNameSameNumbers() {
        assertThat(draw(new RandomStreams(7).stream("a"), 50)).isEqualTo(draw(new RandomStreams(7).stream("a"), 50));
    }

    @Test
    void otherNamesAndSeedsGiveOtherNumbers() {
        double[] a = draw(new RandomStreams(7).stream("a"), 50);
        assertThat(draw(new RandomStreams(7).stream("b"), 50)).isNotEqualTo(a);
        assertThat(draw(new RandomStreams(8).stream("a"), 50)).isNotEqualTo(a);
    }

    @Test
    void usingOneStreamDoesNotShiftAnother() {
        RandomStreams streams = new RandomStreams(3);
        double[] alone = draw(streams.stream("data/train"), 20);
        RandomStreams again = new RandomStreams(3);
        draw(again.stream("init/extra-layer"), 1000);
        assertThat(draw(again.stream("data/train"), 20)).isEqualTo(alone);
    }

    @Test
    void childPrefixesNames() {
        RandomStreams streams = new RandomStreams(11);
        assertThat(draw(streams.child("data").stream("train"), 10)).isEqualTo(draw(streams.stream("data/train"), 10));
        assertThat(draw(streams.child("data").child("mnist").stream("perm"), 10))
                .isEqualTo(draw(streams.stream("data/mnist/perm"), 10));
    }

    @Test
    void emptyNameIsRefused() {
        assertThatThrownBy(() -> new RandomStreams(1).stream("")).hasMessage("A random stream needs a name");
    }

    private static double[] draw(RandomGenerator g, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = g.nextDouble();
        }
        return d;
    }
}
