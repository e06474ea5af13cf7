/**
 * Files a person opens or hands over: NumPy {@code .npy} arrays ({@link org.rnnlab.experiments.io.Npy}),
 * the {@code npy} task that trains on a user's arrays ({@link org.rnnlab.experiments.io.NpyTask}), and
 * the outputs of a training run ({@link org.rnnlab.experiments.io.RunDirectory}), all written
 * atomically ({@link org.rnnlab.experiments.io.AtomicFiles}) so an interrupted run never leaves a file
 * that looks complete.
 */
package org.rnnlab.experiments.io;
