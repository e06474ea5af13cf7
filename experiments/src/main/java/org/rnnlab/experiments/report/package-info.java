/**
 * The report of a comparative study, rebuilt from the study folder's files alone
 * (docs/studies.md): {@link org.rnnlab.experiments.report.StudyReport} writes {@code report.html}
 * (one self-contained file), {@code report.md} and {@code figures/} (PNG and SVG).
 */
package org.rnnlab.experiments.report;
