package org.mburoja.sigma.internal.parse;

/** Matches the identifier patterns of {@code 1 of selection_*}: {@code *} is any run of characters. */
public final class OfPatterns {

    private OfPatterns() {
    }

    public static boolean matches(String pattern, String name) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(name);
        }
        String[] parts = pattern.split("\\*", -1);
        if (!name.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = name.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return name.length() - at >= last.length() && name.endsWith(last);
    }
}
