package org.rnnlab.experiments.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.training.Tally;

class WholeSequenceErrorTest {
    // three sequences of 4 steps, 3 classes; sequence 2 is 2 steps long; step 0 is not scored
    private static final int[][] CLASSES = {{-1, -1, -1}, {0, 1, 2}, {2, 2, 0}, {1, 0, 1}};

    private static Batch batch() {
        DMatrixRMaj[] inputs = new DMatrixRMaj[4];
        for (int t = 0; t < 4; t++) {
            inputs[t] = new DMatrixRMaj(3, 1);
        }
        return Batch.classification(inputs, new int[] {4, 4, 2}, CLASSES);
    }

    /** Logits of 1 on the target class, 0 elsewhere; logits of 1 on class 0 where nothing is scored. */
    private static DMatrixRMaj[] perfect() {
        DMatrixRMaj[] p = new DMatrixRMaj[4];
        for (int t = 0; t < 4; t++) {
            p[t] = new DMatrixRMaj(3, 3);
            for (int b = 0; b < 3; b++) {
                p[t].set(b, Math.max(0, CLASSES[t][b]), 1);
            }
        }
        return p;
    }

    @Test
    void countsSequencesNotSteps() {
        DMatrixRMaj[] p = perfect();
        assertThat(new WholeSequenceError().score(p, batch())).isEqualTo(new Tally(0, 3));
        p[1].set(0, 1, 5);
        p[3].set(0, 2, 5);
        assertThat(new WholeSequenceError().score(p, batch())).as("two wrong steps of one sequence").isEqualTo(new Tally(1, 3));
        p[2].set(1, 0, 5);
        assertThat(new WholeSequenceError().score(p, batch())).isEqualTo(new Tally(2, 3));
    }

    @Test
    void unscoredStepsAndStepsPastTheEndDoNotCount() {
        DMatrixRMaj[] p = perfect();
        p[0].set(0, 2, 5);
        p[3].set(2, 2, 5);
        assertThat(new WholeSequenceError().score(p, batch())).isEqualTo(new Tally(0, 3));
    }

    @Test
    void tiesGoToTheLowerClass() {
        DMatrixRMaj[] p = perfect();
        p[1].set(1, 0, 1);
        assertThat(new WholeSequenceError().score(p, batch())).isEqualTo(new Tally(1, 3));
    }
}
