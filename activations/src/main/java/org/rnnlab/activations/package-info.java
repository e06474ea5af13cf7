/**
 * The built-in {@link org.rnnlab.spi.Activation} plugins: {@code identity}, {@code sigmoid}, {@code tanh},
 * {@code relu}, {@code leaky_relu}, {@code elu}, {@code softplus}, {@code softsign},
 * {@code hard_sigmoid} and {@code hard_tanh}. Found by name through the registry:
 *
 * <pre>{@code
 * Activation tanh = Registries.standard().activations().get("tanh");
 * Activation leaky = Registries.standard().activations().create("leaky_relu", Map.of("slope", 0.1));
 * }</pre>
 *
 * <p>Every one computes its derivative from its output, so a cell need keep only outputs for the
 * backward pass. Where a function has a kink, the derivative there is the one PyTorch's autograd
 * returns, so gradients agree with PyTorch's to rounding; each class says which.
 */
package org.rnnlab.activations;
