package org.rnnlab.experiments.spec;

import java.util.List;
import java.util.Map;
import org.rnnlab.optim.LearningRateSchedule;
import org.rnnlab.params.ParamSpec;
import org.rnnlab.params.Params;
import org.rnnlab.params.Range;

/**
 * The learning-rate schedules a spec can name. Core's {@link LearningRateSchedule} is a closed set of
 * values, not a plugin kind, so the spec layer names its forms here, with parameters declared as
 * plugins declare theirs, so they are validated and listed the same way.
 */
public enum ScheduleType {
    /** The base rate throughout. */
    CONSTANT("constant", "the optimizer's rate at every update (after the optional warmup)", List.of(warmup())),
    /** The base rate times factor^floor((update - 1) / every). */
    STEP_DECAY("step_decay", "the rate times factor every `every` updates: lr factor^floor((update - 1) / every)",
            List.of(ParamSpec.ofDouble("factor", 0.5, new Range(0, false, 1, true), "multiplies the rate every `every` updates"),
                    ParamSpec.ofInt("every", 1000, Range.atLeast(1), "updates between two decays"),
                    warmup()));

    private final String specName;
    private final String description;
    private final List<ParamSpec> parameters;

    ScheduleType(String specName, String description, List<ParamSpec> parameters) {
        this.specName = specName;
        this.description = description;
        this.parameters = parameters;
    }

    private static ParamSpec warmup() {
        return ParamSpec.ofInt("warmup", 0, Range.atLeast(0),
                "updates of linear warmup first (lr/warmup, 2 lr/warmup, ..., lr), then the schedule from its start; 0 for none");
    }

    /** The word a spec uses: {@code "step_decay"}. */
    public String specName() {
        return specName;
    }

    public String description() {
        return description;
    }

    public List<ParamSpec> parameters() {
        return parameters;
    }

    /** Every schedule's word, in declaration order. */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(ScheduleType::specName).toList();
    }

    /** The schedule a spec names, or null. */
    public static ScheduleType fromSpecName(String name) {
        for (ScheduleType t : values()) {
            if (t.specName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The schedule with these values, already validated against {@link #parameters()}. */
    public LearningRateSchedule create(Params params) {
        LearningRateSchedule schedule = switch (this) {
            case CONSTANT -> LearningRateSchedule.constant();
            case STEP_DECAY -> LearningRateSchedule.stepDecay(params.getDouble("factor"), params.getInt("every"));
        };
        int warmup = params.getInt("warmup");
        return warmup == 0 ? schedule : LearningRateSchedule.linearWarmup(warmup, schedule);
    }

    /** The schedule at its defaults. */
    public LearningRateSchedule create() {
        return create(Params.of(parameters, Map.of()));
    }
}
