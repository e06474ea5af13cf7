package org.rnnlab.registry;

/**
 * The classpath holds plugins rnnlab cannot tell apart or cannot load: two of one kind with one
 * name, a badly formed name, or a services entry naming a class that cannot be instantiated.
 */
public final class PluginConflictException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PluginConflictException(String message) {
        super(message);
    }

    public PluginConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
