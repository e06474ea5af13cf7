package org.rnnlab.experiments.tasks;

/**
 * One generated sequence with its target, before batching.
 *
 * @param inputs {@code inputs[t][feature]}; the sequence's length is {@code inputs.length}
 * @param value the regression target read at the last step, or null for a classification sample
 * @param classes the class targets: one for a task read at the last step, one per step otherwise
 *     (-1 for a step that is not scored); null for a regression sample
 */
record Sample(double[][] inputs, double[] value, int[] classes) {

    static Sample regression(double[][] inputs, double... value) {
        return new Sample(inputs, value, null);
    }

    static Sample classification(double[][] inputs, int... classes) {
        return new Sample(inputs, null, classes);
    }

    int length() {
        return inputs.length;
    }
}
