package org.rnnlab.training;

/** Which part of a task's data: training batches or held-out ones. The two never share a sample. */
public enum Split {
    TRAIN("train"),
    TEST("test");

    private final String word;

    Split(String word) {
        this.word = word;
    }

    /** The word used in random stream names and files: "train", "test". */
    public String word() {
        return word;
    }
}
