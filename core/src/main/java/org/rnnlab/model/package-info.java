/**
 * Models a user builds, trains, saves and embeds: a stack of recurrent layers, a linear readout and
 * a loss ({@link org.rnnlab.model.Model}, described by a {@link org.rnnlab.model.ModelSpec}), and
 * the batches they read ({@link org.rnnlab.model.Batch}).
 */
package org.rnnlab.model;
