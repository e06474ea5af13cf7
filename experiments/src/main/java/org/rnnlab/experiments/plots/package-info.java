/**
 * Figures, drawn with XChart and written headless as PNG and SVG: the plots of a training run
 * ({@link org.rnnlab.experiments.plots.RunPlots}, from the run's files alone) and the figures of
 * {@code rnnlab diagnose} ({@link org.rnnlab.experiments.plots.Figures}).
 */
package org.rnnlab.experiments.plots;
