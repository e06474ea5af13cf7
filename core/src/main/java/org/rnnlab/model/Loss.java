package org.rnnlab.model;

/** The loss a model's readout is trained on. */
public enum Loss {
    /**
     * Mean squared error, averaged over every scored output element, as PyTorch's
     * {@code nn.MSELoss(reduction="mean")}.
     */
    MSE("mse"),
    /**
     * Softmax cross-entropy against class indices, averaged over scored (sequence, step) pairs, as
     * PyTorch's {@code nn.CrossEntropyLoss(reduction="mean")}.
     */
    CROSS_ENTROPY("cross_entropy");

    private final String specName;

    Loss(String specName) {
        this.specName = specName;
    }

    /** The word a spec uses. */
    public String specName() {
        return specName;
    }

    /** The loss a spec names, or null. */
    public static Loss fromSpecName(String name) {
        for (Loss l : values()) {
            if (l.specName.equals(name)) {
                return l;
            }
        }
        return null;
    }
}
