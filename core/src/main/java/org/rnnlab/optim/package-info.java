/**
 * The built-in {@link org.rnnlab.spi.Optimizer} plugins ({@code sgd}, {@code adam}, {@code rmsprop},
 * {@code adagrad}) and {@link org.rnnlab.optim.LearningRateSchedule}s.
 *
 * <p>Each optimizer follows the update rule documented for its namesake in PyTorch's
 * {@code torch.optim}, weight decay included, so a run can be checked against PyTorch to rounding.
 * They share one package-private base, {@code ElementwiseOptimizer}: the configuration, the per-parameter state
 * buffers allocated once by {@code newUpdater}, and an {@code update} that allocates nothing.
 */
package org.rnnlab.optim;
