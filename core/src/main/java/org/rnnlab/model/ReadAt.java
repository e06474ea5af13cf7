package org.rnnlab.model;

/** Where the readout is applied and the loss scored. */
public enum ReadAt {
    /** At each sequence's own last step: one output per sequence. */
    LAST("last"),
    /** At every step within each sequence's length. */
    EVERY("every");

    private final String specName;

    ReadAt(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    /** The choice a spec names, or null. */
    public static ReadAt fromSpecName(String name) {
        for (ReadAt r : values()) {
            if (r.specName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
