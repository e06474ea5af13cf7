/**
 * The built-in cells: each a {@link org.rnnlab.spi.CellType} plugin. Cells PyTorch has use its
 * equations, gate order and parameter names, so weights move both ways.
 */
package org.rnnlab.architectures;
