/**
 * The {@code rnnlab} command line: {@code plugins}, {@code train}, {@code predict} and
 * {@code gradcheck} ({@link org.rnnlab.experiments.cli.Cli}). Exit status 0 on success, 1 when a run
 * fails or diverges (or a gradient check fails), 2 for bad usage or a bad spec, in which case every
 * problem is printed.
 */
package org.rnnlab.experiments.cli;
