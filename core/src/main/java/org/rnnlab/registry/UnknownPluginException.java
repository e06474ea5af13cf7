package org.rnnlab.registry;

/** A spec or a call named a plugin that no jar on the classpath provides. */
public final class UnknownPluginException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownPluginException(String message) {
        super(message);
    }
}
