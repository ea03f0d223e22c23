package org.mburoja.stix.index;

import java.util.function.BiConsumer;

/**
 * Which of an event's values the indicator index can answer for, and as what: an event's fields are read by value,
 * not by name, so that any event shape (Sysmon, ECS, firewall logs) is matched without a field mapping.
 *
 * <p>The rules, in order: an IPv4 or IPv6 address; 32, 40 or 64 hex digits (MD5, SHA-1, SHA-256); a Sysmon
 * {@code Hashes} list ({@code SHA1=...,MD5=...,SHA256=...,IMPHASH=...}: each known hash of it); a URL (a scheme
 * followed by {@code ://}); an e-mail address ({@code local@domain.tld}); a domain name (letters, digits,
 * {@code -} and {@code _} in two or more dot-separated labels of at most 63 characters, 253 in all, the last label
 * starting with a letter). Anything else,
 * and values over 2,048 characters, is not looked up. A file name such as {@code svchost.exe} passes as a domain;
 * its lookup simply misses unless a list names that domain.
 */
public final class ObservedValues {

    /** Longer values (command lines, scripts) are not observables. */
    public static final int MAX_LENGTH = 2048;

    private ObservedValues() {
    }

    /**
     * Hands each observable of {@code value} to {@code out} with its kind ({@link ObservableKind#IPV4} stands for
     * both address families: look it up with {@link IndicatorIndex#lookupIps}); most values give none or one.
     */
    public static void of(String value, BiConsumer<ObservableKind, String> out) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        int n = v.length();
        if (n < 3 || n > MAX_LENGTH) {
            return;
        }
        if (ObservableKeys.ipv4(v, 0, n) >= 0
                || v.indexOf(':') >= 0 && ObservableKeys.ipv6(v, 0, n, new long[2])) {
            out.accept(ObservableKind.IPV4, v);
            return;
        }
        ObservableKind hash = hashKind(v, 0, n);
        if (hash != null) {
            out.accept(hash, v);
            return;
        }
        if (v.indexOf('=') > 0 && hashList(v, out)) {
            return;
        }
        int scheme = v.indexOf("://");
        if (scheme > 0) {
            if (isScheme(v, scheme)) {
                out.accept(ObservableKind.URL, v);
            }
            return;
        }
        int at = v.indexOf('@');
        if (at > 0) {
            if (at == v.lastIndexOf('@') && isLocalPart(v, at) && isDomain(v, at + 1, n)) {
                out.accept(ObservableKind.EMAIL, v);
            }
            return;
        }
        if (isDomain(v, 0, n)) {
            out.accept(ObservableKind.DOMAIN, v);
        }
    }

    private static ObservableKind hashKind(String v, int from, int to) {
        int len = to - from;
        if (len != 32 && len != 40 && len != 64) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(v.charAt(i), 16) < 0 || v.charAt(i) > 0x7F) {
                return null;
            }
        }
        return len == 32 ? ObservableKind.MD5 : len == 40 ? ObservableKind.SHA1 : ObservableKind.SHA256;
    }

    /** {@code NAME=hex,NAME=hex...}: the hashes of known lengths; false when the value is not of that shape. */
    private static boolean hashList(String v, BiConsumer<ObservableKind, String> out) {
        int found = 0;
        int start = 0;
        while (start < v.length()) {
            int end = v.indexOf(',', start);
            if (end < 0) {
                end = v.length();
            }
            int eq = v.indexOf('=', start);
            if (eq <= start || eq >= end) {
                return found > 0;
            }
            for (int i = start; i < eq; i++) {
                if (!Character.isLetterOrDigit(v.charAt(i)) || v.charAt(i) > 0x7F) {
                    return found > 0;
                }
            }
            ObservableKind k = hashKind(v, eq + 1, end);
            if (k != null) {
                out.accept(k, v.substring(eq + 1, end));
                found++;
            }
            start = end + 1;
        }
        return found > 0;
    }

    private static boolean isScheme(String v, int end) {
        if (!Character.isLetter(v.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = v.charAt(i);
            if (c > 0x7F || !(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocalPart(String v, int at) {
        for (int i = 0; i < at; i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == ',' || c == ';'
                    || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Two or more labels of letters, digits, '-' and '_' (non-ASCII letters too), the last starting with a letter. */
    private static boolean isDomain(String v, int from, int to) {
        int end = to;
        if (end > from && v.charAt(end - 1) == '.') {
            end--;
        }
        if (end - from > 253) {
            return false;
        }
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= end; i++) {
            char c = i < end ? v.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        int lastLabel = v.lastIndexOf('.', end - 1) + 1;
        return labels >= 2 && lastLabel > from && lastLabel < end && Character.isLetter(v.charAt(lastLabel));
    }
}
