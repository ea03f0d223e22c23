package org.mburoja.operators.internal;

/**
 * Telephone numbers of contacts, stored in E.164 ({@code +355 4 222 2222} is stored as {@code +35542222222}).
 * Written forms accepted: {@code +}, {@code 00} or, for Albanian numbers, a national {@code 0} prefix; spaces,
 * dots, hyphens and parentheses as separators. 8 to 15 digits including the country code (E.164's limit);
 * extensions are refused, since a 24/7 line must be dialable as is.
 */
public final class PhoneNumber {

    private PhoneNumber() {
    }

    public static String normalise(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty phone number");
        }
        String s = text.strip();
        if (s.length() > 40) {
            throw new IllegalArgumentException("phone number longer than 40 characters");
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.length() == 0) {
                digits.append('+');
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                throw new IllegalArgumentException("'" + s + "' is not a phone number (unexpected '" + c + "')");
            }
        }
        String d = digits.toString();
        String international;
        if (d.startsWith("+")) {
            international = d.substring(1);
        } else if (d.startsWith("00")) {
            international = d.substring(2);
        } else if (d.startsWith("0")) {
            international = "355" + d.substring(1);
        } else {
            throw new IllegalArgumentException("'" + s + "': give the number with its country code, e.g. +355 4 ...");
        }
        if (international.startsWith("0")) {
            throw new IllegalArgumentException("'" + s + "': a country code does not start with 0");
        }
        if (international.length() < 8 || international.length() > 15) {
            throw new IllegalArgumentException("'" + s + "' must have 8 to 15 digits with the country code");
        }
        return "+" + international;
    }
}
