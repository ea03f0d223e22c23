package org.mburoja.sigma;

import java.util.Locale;

/** The severity a Sigma rule declares, in increasing order. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** Parses a level as written in rules ({@code high}); {@code null} for anything else. */
    public static Level parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
