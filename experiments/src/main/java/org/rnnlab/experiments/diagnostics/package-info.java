/**
 * Recording the gradient's flow through time during training: {@link
 * org.rnnlab.experiments.diagnostics.DiagnosticsRecorder} measures, every few updates, what core's
 * {@link org.rnnlab.diagnostics.Diagnostics} offers and writes it as {@code diagnostics.jsonl} in the
 * run's folder; {@link org.rnnlab.experiments.diagnostics.DiagnosticsLines} turns the measurements
 * into the JSON that file and {@code diagnose.json} hold.
 */
package org.rnnlab.experiments.diagnostics;
