/**
 * Training from plain Java, with no files: a {@link org.rnnlab.training.Trainer} runs a model over a
 * {@link org.rnnlab.training.DataSource} with an optimizer, gradient transforms and constraints,
 * evaluates on held-out data, stops when solved or out of budget, and tells listeners everything.
 */
package org.rnnlab.training;
