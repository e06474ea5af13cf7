/**
 * Experiment specs: one file (JSON or YAML) naming a task, a model, an optimizer, transforms, a
 * budget and a seed, read into validated records ({@link org.rnnlab.experiments.spec.ExperimentSpec}),
 * resolved against the plugin registries ({@link org.rnnlab.experiments.spec.Experiment}) and run
 * ({@link org.rnnlab.experiments.spec.ExperimentRunner}). Every problem of a spec is reported at once,
 * with the path of its field, the rule and the value found. {@code docs/spec.md} documents every field.
 */
package org.rnnlab.experiments.spec;
