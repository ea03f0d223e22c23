package org.mburoja.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an API token may do: read or write one area of the API. The area is the first path segment after
 * {@code /api/v1/} ({@code operators:read} allows {@code GET /api/v1/operators/...}); {@code write} implies read.
 */
public record TokenScope(String area, boolean write) {

    private static final Pattern AREA = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    public TokenScope {
        if (area == null || !AREA.matcher(area).matches()) {
            throw new IllegalArgumentException("scope area must be 2-40 lower-case letters, digits or '-', got '"
                    + area + "'");
        }
    }

    /** Parses {@code area:read} or {@code area:write}. */
    public static TokenScope parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("scope is empty");
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("scope '" + text + "' must look like <area>:read or <area>:write");
        }
        String access = t.substring(colon + 1);
        if (!access.equals("read") && !access.equals("write")) {
            throw new IllegalArgumentException("scope '" + text + "': access must be 'read' or 'write'");
        }
        return new TokenScope(t.substring(0, colon), access.equals("write"));
    }

    @Override
    public String toString() {
        return area + (write ? ":write" : ":read");
    }
}
