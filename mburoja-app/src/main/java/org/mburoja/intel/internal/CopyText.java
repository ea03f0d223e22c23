package org.mburoja.intel.internal;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's {@code COPY} text format: fields separated by a tab, rows ended by a newline, {@code \N} for
 * NULL, and a backslash escape for the four characters that would otherwise end a field or a row (backslash, tab,
 * newline, carriage return). Every other character is written as it is, so the bytes are the UTF-8 of the text
 * (non-BMP characters as their four-byte form, an unpaired surrogate as {@code ?}, as the driver does for a bound
 * parameter). Rows are buffered as text and turned into bytes only at row ends, so a surrogate pair is never split.
 *
 * <p>U+0000 cannot be stored in a PostgreSQL text value (an {@code INSERT} fails on it as well); it is refused here
 * with an {@link IllegalArgumentException} rather than sent. {@link StixObjectCheck} refuses such objects earlier.
 */
final class CopyText {

    private final StringBuilder text = new StringBuilder(1 << 12);
    private boolean rowStart = true;

    /** A text field, or NULL. */
    CopyText field(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        int n = value.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            String escape = switch (ch) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\0' -> throw new IllegalArgumentException(
                        "U+0000 (NUL) cannot be stored in PostgreSQL text, at character " + i);
                default -> null;
            };
            if (escape != null) {
                text.append(value, plain, i).append(escape);
                plain = i + 1;
            }
        }
        if (plain == 0) {
            text.append(value); // the common case, no escapes: one copy (append(s, from, to) goes char by char)
        } else {
            text.append(value, plain, n);
        }
        return this;
    }

    CopyText field(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyText field(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    void endRow() {
        text.append('\n');
        rowStart = true;
    }

    /** Characters buffered since the last {@link #drain()}. */
    int length() {
        return text.length();
    }

    /** The buffered complete rows as UTF-8, and an empty buffer. */
    byte[] drain() {
        if (!rowStart) {
            throw new IllegalStateException("a row is not finished");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        return bytes;
    }

    private void separate() {
        if (!rowStart) {
            text.append('\t');
        }
        rowStart = false;
    }
}
