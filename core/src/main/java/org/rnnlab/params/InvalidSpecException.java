package org.rnnlab.params;

import java.util.List;

/**
 * A spec, or a plugin's parameters, broke one or more rules. Every problem is reported at once,
 * each as one line with the field's path, the rule and the value found:
 * {@code model.layers[1].hiddenSize must be > 0, found 0}.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("An InvalidSpecException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, one sentence each, in the order they were found. */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder sb = new StringBuilder().append(problems.size()).append(" problems:");
        for (String p : problems) {
            sb.append("\n- ").append(p);
        }
        return sb.toString();
    }
}
