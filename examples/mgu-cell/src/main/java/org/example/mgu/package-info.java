/**
 * The minimal gated unit as an rnnlab cell plugin, written outside rnnlab as a researcher's own
 * module would be: {@link org.example.mgu.MguCellType} is the plugin, listed in
 * {@code META-INF/services/org.rnnlab.spi.CellType}.
 */
package org.example.mgu;
