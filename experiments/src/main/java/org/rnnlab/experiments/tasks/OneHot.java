package org.rnnlab.experiments.tasks;

/** One-hot codes of symbol sequences. */
final class OneHot {
    private OneHot() {
    }

    /**
     * Step t is the one-hot vector of {@code symbols[t]} among {@code size} symbols.
     *
     * @param symbols each in [0, size). Not modified.
     * @return [symbols.length][size]
     */
    static double[][] sequence(int[] symbols, int size) {
        double[][] x = new double[symbols.length][size];
        for (int t = 0; t < symbols.length; t++) {
            x[t][symbols[t]] = 1;
        }
        return x;
    }
}
