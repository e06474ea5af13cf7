/**
 * The training engine: unrolling cells through time ({@link org.rnnlab.engine.RecurrentLayer}) and
 * backpropagation through time. Masks and sequence handling live here so that a cell only writes
 * its step function.
 */
package org.rnnlab.engine;
