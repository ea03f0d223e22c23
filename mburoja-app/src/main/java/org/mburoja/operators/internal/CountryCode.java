package org.mburoja.operators.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 codes of the states where an operator provides services, plus {@code XK} (Kosovo). */
public final class CountryCode {

    private static final Set<String> CODES;

    static {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XK");
        CODES = Set.copyOf(codes);
    }

    private CountryCode() {
    }

    public static String normalise(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty country code");
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (!CODES.contains(s)) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not an ISO 3166-1 alpha-2 country code");
        }
        return s;
    }
}
