package org.rnnlab.training;

/** How a run ended. */
public enum Status {
    /** The stop criterion was met on held-out data. */
    SOLVED("solved"),
    /** The update or time budget ran out first. */
    BUDGET("budget"),
    /** A loss, gradient or parameter became non-finite and the policy was to stop. */
    DIVERGED("diverged");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    /** The word used in files: "solved", "budget", "diverged". */
    public String word() {
        return word;
    }
}
