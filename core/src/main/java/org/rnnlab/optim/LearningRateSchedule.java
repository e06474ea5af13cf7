package org.rnnlab.optim;

import java.util.Objects;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;

/**
 * How the learning rate changes over a run: the rate of update {@code update} (counted from 1, as
 * everywhere in rnnlab) given the optimizer's base rate. The trainer passes the result to
 * {@link org.rnnlab.spi.Optimizer.Updater#update(double)}.
 *
 * <pre>{@code
 * // 0.1, 0.2, ..., 1.0 times the base over 10 updates, then halve it every 1000 updates
 * LearningRateSchedule schedule = LearningRateSchedule.linearWarmup(10, LearningRateSchedule.stepDecay(0.5, 1000));
 * updater.update(schedule.rate(optimizer.learningRate(), update));
 * }</pre>
 *
 * <p>Schedules are immutable values and compare by their settings. Arguments are checked when a
 * schedule is made, so a bad one fails before the run starts.
 */
public sealed interface LearningRateSchedule {

    /**
     * The learning rate of one update.
     *
     * @param base the optimizer's base rate
     * @param update the update's number, >= 1
     */
    double rate(double base, long update);

    /** The base rate at every update. */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /**
     * base x factor^floor((update - 1) / every): updates 1 to {@code every} use the base rate,
     * the next {@code every} updates base x factor, and so on.
     *
     * @param factor in (0, 1]
     * @param every >= 1
     */
    static LearningRateSchedule stepDecay(double factor, long every) {
        return new StepDecay(factor, every);
    }

    /**
     * base x update / steps for the first {@code steps} updates (base / steps at update 1, the base
     * itself at update {@code steps}), then {@code then} with updates counted afresh: update
     * {@code steps + k} has the rate {@code then} gives to update k.
     *
     * @param steps >= 1
     */
    static LearningRateSchedule linearWarmup(long steps, LearningRateSchedule then) {
        return new LinearWarmup(steps, then);
    }

    /** See {@link LearningRateSchedule#constant()}. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double base, long update) {
            checkUpdate(update);
            return base;
        }
    }

    /** See {@link LearningRateSchedule#stepDecay(double, long)}. */
    record StepDecay(double factor, long every) implements LearningRateSchedule {
        private static final Range FACTOR = new Range(0, false, 1, true);

        public StepDecay {
            if (!FACTOR.contains(factor)) {
                throw new IllegalArgumentException("factor must be " + FACTOR + ", found " + Params.show(factor));
            }
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1, found " + every);
            }
        }

        @Override
        public double rate(double base, long update) {
            checkUpdate(update);
            return base * Math.pow(factor, (update - 1) / every);
        }
    }

    /** See {@link LearningRateSchedule#linearWarmup(long, LearningRateSchedule)}. */
    record LinearWarmup(long steps, LearningRateSchedule then) implements LearningRateSchedule {
        public LinearWarmup {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, found " + steps);
            }
            Objects.requireNonNull(then, "then");
        }

        @Override
        public double rate(double base, long update) {
            checkUpdate(update);
            return update <= steps ? base * update / steps : then.rate(base, update - steps);
        }
    }

    private static void checkUpdate(long update) {
        if (update < 1) {
            throw new IllegalArgumentException("update must be >= 1, found " + update);
        }
    }
}
