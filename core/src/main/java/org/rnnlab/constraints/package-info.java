/** Built-in {@link org.rnnlab.spi.Constraint} plugins, applied to parameters after each update. */
package org.rnnlab.constraints;
