package org.mburoja.operators.internal;

import java.util.regex.Pattern;

/**
 * E-mail addresses of security contacts: an RFC 5322 dot-atom local part (no quoted strings, no comments: a
 * contact address that needs them will not survive most mail relays anyway) and a domain checked as
 * {@link DomainName} (IDN allowed, stored in ASCII). The local part is kept as written.
 */
public final class EmailAddress {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private EmailAddress() {
    }

    public static String normalise(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty e-mail address");
        }
        String s = text.strip();
        if (s.length() > 254) {
            throw new IllegalArgumentException("e-mail address longer than 254 characters");
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not an e-mail address (name@domain)");
        }
        String local = s.substring(0, at);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException("'" + s + "': the part before '@' is not a valid mailbox name");
        }
        String domain;
        try {
            domain = DomainName.toAscii(s.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "': bad domain: " + e.getMessage());
        }
        String out = local + "@" + domain;
        if (out.length() > 254) {
            throw new IllegalArgumentException("e-mail address longer than 254 characters");
        }
        return out;
    }
}
