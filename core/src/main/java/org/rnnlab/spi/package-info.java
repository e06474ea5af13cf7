/**
 * The service-provider interfaces a researcher implements to extend rnnlab: {@link org.rnnlab.spi.Activation},
 * {@link org.rnnlab.spi.Initializer}, {@link org.rnnlab.spi.CellType} (which creates a {@link org.rnnlab.spi.Cell}),
 * {@link org.rnnlab.spi.GradientTransform} and {@link org.rnnlab.spi.Optimizer}.
 *
 * <p>Each is a {@link org.rnnlab.spi.Plugin}: a public class with a public no-argument constructor, listed
 * in {@code META-INF/services/<fully qualified interface name>} of its jar. The no-argument instance
 * is the plugin at its defaults; {@link org.rnnlab.spi.Plugin#configure} gives a configured copy.
 */
package org.rnnlab.spi;
