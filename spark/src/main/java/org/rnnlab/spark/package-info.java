/**
 * The spark study engine: {@code rnnlab study SPEC --engine spark [--master URL]} trains each run of a
 * study's grid as one Spark task ({@link org.rnnlab.spark.SparkStudyEngine}), while the driver keeps the
 * study folder and its journal. This module carries Spark's dependencies so that core, the plugin
 * modules and the default command line do not; docs/cluster.md tells how to run it on a cluster.
 */
package org.rnnlab.spark;
