package org.rnnlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static double[] rates(LearningRateSchedule schedule, double base, int updates) {
        return LongStream.rangeClosed(1, updates).mapToDouble(u -> schedule.rate(base, u)).toArray();
    }

    @Test
    void constant() {
        assertThat(rates(LearningRateSchedule.constant(), 0.3, 3)).containsExactly(0.3, 0.3, 0.3);
    }

    @Test
    void stepDecayCountsUpdatesFromOne() {
        // floor((u - 1) / 3) = 0, 0, 0, 1, 1, 1, 2 for u = 1..7.
        assertThat(rates(LearningRateSchedule.stepDecay(0.5, 3), 8, 7)).containsExactly(8, 8, 8, 4, 4, 4, 2);
    }

    @Test
    void linearWarmupRampsThenHandsOverWithUpdatesCountedAfresh() {
        // base / 4, 2 base / 4, 3 base / 4, base; then stepDecay sees updates 1, 2, 3, ...
        LearningRateSchedule schedule = LearningRateSchedule.linearWarmup(4, LearningRateSchedule.stepDecay(0.1, 2));
        assertThat(rates(schedule, 2, 8)).containsExactly(0.5, 1, 1.5, 2, 2, 2, 2 * 0.1, 2 * 0.1);
    }

    @Test
    void schedulesAreValues() {
        assertThat(LearningRateSchedule.stepDecay(0.5, 3)).isEqualTo(LearningRateSchedule.stepDecay(0.5, 3));
        assertThat(LearningRateSchedule.linearWarmup(2, LearningRateSchedule.constant()))
                .isEqualTo(LearningRateSchedule.linearWarmup(2, LearningRateSchedule.constant()));
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0.5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("every must be >= 1, found 0");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0, 10))
                .hasMessage("factor must be in (0, 1], found 0");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(1.5, 10))
                .hasMessage("factor must be in (0, 1], found 1.5");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(Double.NaN, 10))
                .hasMessage("factor must be in (0, 1], found NaN");
        assertThatThrownBy(() -> LearningRateSchedule.linearWarmup(0, LearningRateSchedule.constant()))
                .hasMessage("steps must be >= 1, found 0");
        assertThatThrownBy(() -> LearningRateSchedule.linearWarmup(5, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("then");
    }

    @Test
    void updatesCountFromOne() {
        assertThatThrownBy(() -> LearningRateSchedule.constant().rate(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("update must be >= 1, found 0");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0.5, 1).rate(1, -3))
                .hasMessage("update must be >= 1, found -3");
        assertThatThrownBy(() -> LearningRateSchedule.linearWarmup(2, LearningRateSchedule.constant()).rate(1, 0))
                .hasMessage("update must be >= 1, found 0");
    }
}
