/**
 * The dense operations the step functions need, in one place: the only code that knows memory
 * layout. See {@link org.rnnlab.kernels.Kernels}.
 */
package org.rnnlab.kernels;
