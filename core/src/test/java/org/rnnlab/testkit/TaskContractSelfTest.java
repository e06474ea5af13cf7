package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Loss;
import org.rnnlab.model.ReadAt;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.spi.AbstractPlugin;
import org.rnnlab.spi.Task;
import org.rnnlab.training.DataSource;
import org.rnnlab.training.Metric;
import org.rnnlab.training.Metrics;
import org.rnnlab.training.Split;
import org.rnnlab.training.Tally;

/** Each of the task contract's checks passes on a correct task and fails on one broken its way. */
class TaskContractSelfTest {

    /** A deliberate defect. */
    enum Bug {
        NONE,
        /** Samples come from the batch's stream, so they change with the batch size. */
        BATCH_DEPENDENT,
        /** Training and held-out data are the same samples. */
        SAME_SPLITS,
        /** Declares two features per step and gives one. */
        WRONG_INPUT_SIZE,
        /** The metric calls every answer wrong. */
        HARSH_METRIC,
        /** The baseline is zero. */
        ZERO_BASELINE
    }

    /** Target: the last of T = 3 uniform values. Not registered. */
    static final class LastValueTask extends AbstractPlugin<Task> implements Task {
        private final Bug bug;

        LastValueTask(Bug bug) {
            super("last_value", "the last input value (test only)");
            this.bug = bug;
        }

        @Override
        public int inputSize() {
            return bug == Bug.WRONG_INPUT_SIZE ? 2 : 1;
        }

        @Override
        public int outputSize() {
            return 1;
        }

        @Override
        public Loss loss() {
            return Loss.MSE;
        }

        @Override
        public ReadAt readAt() {
            return ReadAt.LAST;
        }

        @Override
        public double baselineLoss() {
            return bug == Bug.ZERO_BASELINE ? 0 : 1.0 / 12;
        }

        @Override
        public Metric metric() {
            Metric right = Metrics.squaredErrorAbove(1e-6);
            return bug != Bug.HARSH_METRIC ? right : new Metric() {
                @Override
                public String name() {
                    return "harsh";
                }

                @Override
                public Tally score(DMatrixRMaj[] predictions, Batch batch) {
                    return new Tally(batch.size(), batch.size());
                }
            };
        }

        @Override
        public DataSource data(long seed, Split split, int batchSize) {
            String splitName = bug == Bug.SAME_SPLITS ? "train" : split.word();
            RandomStreams streams = new RandomStreams(seed).child("data/" + splitName);
            return index -> {
                DMatrixRMaj[] xs = {new DMatrixRMaj(batchSize, 1), new DMatrixRMaj(batchSize, 1), new DMatrixRMaj(batchSize, 1)};
                DMatrixRMaj y = new DMatrixRMaj(batchSize, 1);
                RandomGenerator batchStream = streams.stream("batch/" + index);
                for (int b = 0; b < batchSize; b++) {
                    RandomGenerator r = bug == Bug.BATCH_DEPENDENT ? batchStream
                            : streams.stream(Long.toString(index * batchSize + b));
                    for (DMatrixRMaj x : xs) {
                        x.set(b, 0, r.nextDouble());
                    }
                    y.set(b, 0, xs[2].get(b, 0));
                }
                return Batch.regression(xs, null, new DMatrixRMaj[] {y});
            };
        }
    }

    private static TaskContractTest contractFor(Bug bug) {
        return new TaskContractTest() {
            @Override
            protected Task createTask() {
                return new LastValueTask(bug);
            }
        };
    }

    @Test
    void aCorrectTaskPassesEveryCheckButDiscovery() {
        TaskContractTest contract = contractFor(Bug.NONE);
        assertThatCode(contract::batchesHaveTheDeclaredShapes).doesNotThrowAnyException();
        assertThatCode(contract::samplesArePureFunctionsOfSeedSplitAndIndex).doesNotThrowAnyException();
        assertThatCode(contract::trainingAndHeldOutSamplesDiffer).doesNotThrowAnyException();
        assertThatCode(contract::perfectPredictionsScoreAsRight).doesNotThrowAnyException();
        assertThatCode(contract::baselineIsFiniteAndPositive).doesNotThrowAnyException();
        // A test-only task is not registered, so discovery cannot pass here.
        assertThatThrownBy(contract::nameDescriptionAndDiscovery).hasMessageStartingWith("Unknown task 'last_value'");
    }

    @Test
    void eachBrokenTaskFailsItsCheck() {
        List<Runnable> checks = List.of(
                contractFor(Bug.BATCH_DEPENDENT)::samplesArePureFunctionsOfSeedSplitAndIndex,
                contractFor(Bug.SAME_SPLITS)::trainingAndHeldOutSamplesDiffer,
                contractFor(Bug.WRONG_INPUT_SIZE)::batchesHaveTheDeclaredShapes,
                contractFor(Bug.HARSH_METRIC)::perfectPredictionsScoreAsRight,
                contractFor(Bug.ZERO_BASELINE)::baselineIsFiniteAndPositive);
        for (Runnable check : checks) {
            assertThatThrownBy(check::run).isInstanceOf(AssertionError.class);
        }
    }
}
