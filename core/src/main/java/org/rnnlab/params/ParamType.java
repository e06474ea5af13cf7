package org.rnnlab.params;

/** The type of a plugin parameter, as written in a spec file. */
public enum ParamType {
    /** A double-precision number. */
    DOUBLE("a number"),
    /** A whole number that fits in an {@code int}. */
    INT("a whole number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false"),
    /** Free text, such as a directory or file name. */
    STRING("text"),
    /** One of a fixed list of words. */
    CHOICE("one of the listed words"),
    /** Another plugin, given by name (and, in a spec, optionally its own parameters). */
    PLUGIN("a plugin name");

    private final String description;

    ParamType(String description) {
        this.description = description;
    }

    /** How the type reads in an error message: "must be a number". */
    public String description() {
        return description;
    }
}
