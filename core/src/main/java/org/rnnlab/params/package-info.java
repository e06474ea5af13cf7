/**
 * Typed, documented plugin parameters: what a plugin accepts ({@link org.rnnlab.params.ParamSpec}),
 * the allowed values ({@link org.rnnlab.params.Range}) and a validated set of values
 * ({@link org.rnnlab.params.Params}). A command line lists the specs; a spec file sets values by name.
 */
package org.rnnlab.params;
