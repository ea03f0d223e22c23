package org.mburoja.sigma;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamps found in logs: ISO 8601 instants ({@code 2019-03-19T23:31:10.123456Z}), offsets, Sysmon's
 * {@code 2020-10-05 20:43:58.350} (taken as UTC) and epoch seconds or milliseconds. No time-zone conversion beyond
 * that, as the Sigma time modifiers specify.
 */
public final class EventTimes {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    private EventTimes() {
    }

    /** The instant, or {@code null} when the text is not a time this class knows. */
    public static Instant parse(String text) {
        if (text == null || text.length() < 8 || text.length() > 40) {
            return null;
        }
        char c0 = text.charAt(0);
        if (c0 < '0' || c0 > '9') {
            return null;
        }
        try {
            if (text.length() >= 19 && text.charAt(10) == 'T') {
                char last = text.charAt(text.length() - 1);
                if (last == 'Z' || last == 'z') {
                    return Instant.parse(text);
                }
                if (text.length() > 19 && (text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10)) {
                    return OffsetDateTime.parse(text).toInstant();
                }
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            if (text.length() >= 19 && text.charAt(10) == ' ') {
                return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
            }
            if (text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                long n = Long.parseLong(text);
                return text.length() >= 13 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
