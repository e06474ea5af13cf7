package org.rnnlab.experiments.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What trains a study's runs for {@link StudyRunner}: its own pool of workers when none is given, or
 * another engine, such as the spark module's, which a {@link StudyEngineProvider} supplies by name.
 *
 * <p>The runner keeps everything else: {@code study.json}, resuming, the journal and the tables. An
 * engine trains each run it is given with {@link StudyRunner#train} (so a run's row is the same on every
 * engine), puts the run's folder at {@code runs/<id>/} of the study folder, and then hands the row to
 * {@link Finished#run}, which appends the journal line; a run counts as finished only after that call
 * returns.
 */
public interface StudyEngine {
    /**
     * Trains the runs and returns once each has been handed to {@code finished}.
     *
     * @param runs the runs to train, as indexes into {@code study.plan().runs()}, in run order
     * @param directory the study folder
     * @param listener hears the runs' progress where the engine can tell it
     * @param finished takes each finished run's row; it may be called from any thread, but not twice for a run
     * @throws IOException if a run's folder or a journal line cannot be written; runs not yet handed over
     *     are then unfinished, and {@code --resume} trains them
     */
    void train(Study study, List<Integer> runs, Path directory, StudyListener listener, Finished finished)
            throws IOException;

    /** Records a finished run: the runner appends its journal line and tells the listener. */
    @FunctionalInterface
    interface Finished {
        void run(int index, ResultRow row) throws IOException;
    }
}
