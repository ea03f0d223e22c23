package org.mburoja.operators.internal;

import java.net.IDN;
import java.util.Locale;

/**
 * Domain names as the registry stores them: lower-case ASCII, internationalised names in their punycode
 * ({@code xn--}) form, shown to people in Unicode. IDNA conversion is the JDK's {@link IDN} (IDNA 2003 with STD3
 * rules), which accepts every name IDNA 2008 registries issue for Albanian ({@code ë}, {@code ç}).
 *
 * <p>Limits: 253 characters, labels of 1-63 letters, digits and hyphens not at either end, at least two labels, and
 * an alphabetic top-level label (so an IP address is never taken for a name). A wildcard is refused with a hint,
 * because registering a name already covers all its subdomains.
 */
public final class DomainName {

    private DomainName() {
    }

    /** The stored (ASCII) form of a domain name, or an {@link IllegalArgumentException} saying what is wrong. */
    public static String toAscii(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty domain name");
        }
        String s = text.strip();
        if (s.length() > 1000) {
            throw new IllegalArgumentException("domain name longer than 253 characters");
        }
        if (s.startsWith("*.")) {
            throw new IllegalArgumentException("'" + s + "': write the domain without '*.'; its subdomains are included");
        }
        if (s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + s + "' contains spaces or control characters");
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.startsWith(".") || s.contains("..")) {
            throw new IllegalArgumentException("'" + text.strip() + "' has an empty label");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid domain name (" + e.getMessage() + ")");
        }
        if (ascii.length() > 253) {
            throw new IllegalArgumentException("'" + s + "' is longer than 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("'" + s + "' needs at least two labels, such as example.al");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                throw new IllegalArgumentException("'" + s + "' has a label that is empty or longer than 63 characters");
            }
            if (!label.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')
                    || label.startsWith("-") || label.endsWith("-")) {
                throw new IllegalArgumentException("'" + s + "': label '" + label
                        + "' may hold only letters, digits and inner hyphens");
            }
        }
        String tld = labels[labels.length - 1];
        if (!tld.startsWith("xn--") && !tld.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new IllegalArgumentException("'" + s + "' does not end in a top-level domain");
        }
        return ascii;
    }

    /** The Unicode form for display; a name that does not decode is shown as stored. */
    public static String toUnicode(String ascii) {
        return IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
    }
}
