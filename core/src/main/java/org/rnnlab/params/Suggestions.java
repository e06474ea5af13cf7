package org.rnnlab.params;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Finds the known name a user most likely meant when they mistyped one. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The known name closest to {@code wanted} by edit distance (case ignored), if it is close
     * enough to be a typo: at most a third of the longer name's length, and at least 2 edits allowed.
     * Ties go to the alphabetically first name, so the suggestion is stable.
     */
    public static Optional<String> closest(String wanted, Collection<String> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known.stream().sorted().toList()) {
            int d = distance.apply(wanted.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(2, Math.max(wanted.length(), best.length()) / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }
}
