package org.rnnlab.experiments.study;

/**
 * Hears a study's progress, for a display. Runs are reported from the workers' threads, so an
 * implementation must be thread-safe; {@link #runUpdate} comes at every update and must be cheap.
 */
public interface StudyListener {
    /**
     * @param finished runs already finished (when resuming)
     * @param toRun runs this call will train
     */
    default void studyStarted(StudyPlan plan, int finished, int toRun) {
    }

    /** @param updates the run's update budget */
    default void runStarted(PlannedRun run, long updates) {
    }

    default void runUpdate(PlannedRun run, long update) {
    }

    /** After the run's journal line is on disk. */
    default void runFinished(PlannedRun run, ResultRow row) {
    }

    /** After the tables are written. */
    default void studyFinished(StudyResult result) {
    }
}
