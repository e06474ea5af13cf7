/**
 * Comparative studies (docs/studies.md): a study spec ({@link org.rnnlab.experiments.study.StudySpec}) is
 * expanded into numbered runs ({@link org.rnnlab.experiments.study.Study}), which
 * {@link org.rnnlab.experiments.study.StudyRunner} trains on a pool of workers into a study folder, with a
 * journal that makes the study resumable after a crash, and tables ({@link org.rnnlab.experiments.study.StudyTables})
 * rebuilt from the folder's files alone.
 */
package org.rnnlab.experiments.study;
