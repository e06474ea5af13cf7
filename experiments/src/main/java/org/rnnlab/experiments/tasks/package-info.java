/**
 * The built-in {@link org.rnnlab.spi.Task} plugins: the pathological long-term-dependency problems
 * of Hochreiter and Schmidhuber 1997 and Pascanu, Mikolov and Bengio 2013 ({@code adding},
 * {@code multiplication}, {@code temporal_order}, {@code temporal_order_3bit},
 * {@code random_permutation}, {@code memorization}), the copying memory problem of Arjovsky, Shah
 * and Bengio 2016 ({@code copy}) and sequential MNIST ({@code sequential_mnist}, Le, Jaitly and
 * Hinton 2015). Each is found by name through the registry
 * ({@code Registries.standard().tasks().create("adding", Map.of("length", 200))}).
 *
 * <p>Every synthetic sample is a pure function of (seed, split, sample index): sample {@code i} of
 * split {@code s} under seed {@code seed} draws from its own stream,
 * {@code new RandomStreams(seed).child("data/" + s.word()).stream(Long.toString(i))}, in the order
 * each task's documentation gives, so the numbers can be regenerated outside rnnlab. Batch {@code i}
 * of size {@code B} holds samples {@code [iB, (i + 1)B)}.
 */
package org.rnnlab.experiments.tasks;
