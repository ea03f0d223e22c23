package org.mburoja.operators.internal;

import java.util.Locale;

/**
 * Autonomous-system numbers: {@code AS64512}, {@code 64512} or asdot {@code 1.10}, from 1 to 4294967294
 * (0 and 4294967295 are reserved by RFC 7607 and RFC 7300 and never identify a network).
 */
public final class AsNumber {

    static final long MAX = 4_294_967_294L;

    private AsNumber() {
    }

    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty AS number");
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        String n = s.startsWith("AS") ? s.substring(2) : s;
        long value;
        if (n.matches("[0-9]{1,5}\\.[0-9]{1,5}")) {
            int dot = n.indexOf('.');
            long high = Long.parseLong(n.substring(0, dot));
            long low = Long.parseLong(n.substring(dot + 1));
            if (high > 65535 || low > 65535) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not an AS number");
            }
            value = high << 16 | low;
        } else if (n.matches("[0-9]{1,10}")) {
            value = Long.parseLong(n);
        } else {
            throw new IllegalArgumentException("'" + text.strip() + "' is not an AS number (e.g. AS64512)");
        }
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("'" + text.strip() + "' is outside 1-" + MAX + " or reserved");
        }
        return value;
    }
}
