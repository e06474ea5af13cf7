/**
 * Measurements of gradient flow through time, the point of rnnlab: after a backward pass, the norm
 * of dL/dh_t at every step and layer ({@link org.rnnlab.diagnostics.GradientFlow}); the norms of the
 * Jacobian products dh_T/dh_k by lag ({@link org.rnnlab.diagnostics.JacobianNorms}); the split of
 * the recurrent weights' gradient into terms by lag and the share of its long-term part (Pascanu,
 * Mikolov, Bengio 2013; {@link org.rnnlab.diagnostics.LongTermShare}); and the spectral radius and
 * largest singular value of every recurrent matrix ({@link org.rnnlab.diagnostics.RecurrentSpectra}).
 *
 * <p>{@link org.rnnlab.diagnostics.Diagnostics} is the entry point, usable from plain Java and from
 * a {@link org.rnnlab.training.TrainingListener}. Results are plain records: writing, plotting and
 * scheduling them is the experiments module's business.
 */
package org.rnnlab.diagnostics;
