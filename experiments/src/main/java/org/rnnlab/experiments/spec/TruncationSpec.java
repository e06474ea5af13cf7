package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.params.InvalidSpecException;

/**
 * A spec's {@code truncation}: truncated backpropagation through time (Williams and Peng 1990's
 * BPTT(k1, k2)). A spec without it (or with null) backpropagates through whole sequences.
 *
 * @param stepsBetweenUpdates k1: an update every this many steps, > 0
 * @param stepsBack k2: each update backpropagates this many steps, > 0
 */
public record TruncationSpec(int stepsBetweenUpdates, int stepsBack) {

    public TruncationSpec {
        List<String> problems = new ArrayList<>();
        if (stepsBetweenUpdates < 1) {
            problems.add("truncation.stepsBetweenUpdates must be > 0, found " + stepsBetweenUpdates);
        }
        if (stepsBack < 1) {
            problems.add("truncation.stepsBack must be > 0, found " + stepsBack);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }
}
