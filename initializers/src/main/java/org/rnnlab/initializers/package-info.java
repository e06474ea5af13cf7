/**
 * The built-in {@link org.rnnlab.spi.Initializer} plugins: orthogonal, identity, Glorot, He, spectral and
 * sparse spectral, and the plain uniform, normal, zeros and constant fills; for particular cells, the
 * chrono gate biases of LSTM and GRU and IndRNN's recurrent weights. Each is found by name
 * through the registry ({@code Registries.standard().initializers().get("orthogonal")}); nothing outside
 * this package refers to the classes.
 */
package org.rnnlab.initializers;
