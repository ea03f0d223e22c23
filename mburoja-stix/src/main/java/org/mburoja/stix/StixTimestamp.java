package org.mburoja.stix;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * STIX timestamps: RFC 3339 in UTC with a mandatory {@code Z}, {@code YYYY-MM-DDTHH:MM:SS[.s+]Z}.
 *
 * <p>Why hand-written: {@link java.time.format.DateTimeFormatter#ISO_INSTANT} also takes offsets and lowercase
 * letters, and silently shortens more than nine fractional digits; STIX is stricter. A leap second ({@code :60}) is
 * accepted as RFC 3339 allows and read as the following second.
 */
public final class StixTimestamp {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StixTimestamp() {
    }

    /**
     * {@code t} to the millisecond, always with its three fractional digits ({@code 2026-12-07T12:16:19.000Z}), as
     * {@code created} and {@code modified} require. {@link Instant#toString} leaves the fraction out on a whole second.
     */
    public static String format(Instant t) {
        return MILLIS.format(t);
    }

    /** Why {@code text} is not a STIX timestamp, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty() || text.charAt(text.length() - 1) != 'Z') {
            return Optional.of("timestamp must be in UTC and end with 'Z'");
        }
        if (text.length() < 20 || text.length() > 40) {
            return Optional.of("not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS[.s]Z)");
        }
        if (!shapeOk(text)) {
            return Optional.of("not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS[.s]Z)");
        }
        int month = num(text, 5, 2);
        int day = num(text, 8, 2);
        int hour = num(text, 11, 2);
        int minute = num(text, 14, 2);
        int second = num(text, 17, 2);
        if (month < 1 || month > 12) {
            return Optional.of("month " + month + " out of range 1-12");
        }
        if (hour > 23) {
            return Optional.of("hour " + hour + " out of range 0-23");
        }
        if (minute > 59) {
            return Optional.of("minute " + minute + " out of range 0-59");
        }
        if (second > 60) {
            return Optional.of("second " + second + " out of range 0-60");
        }
        try {
            LocalDate.of(num(text, 0, 4), month, day);
        } catch (DateTimeException e) {
            return Optional.of("no such day: " + text.substring(0, 10));
        }
        return Optional.empty();
    }

    /** Whether the fraction has at least millisecond precision (required for {@code created}/{@code modified}). */
    public static boolean hasMillis(String text) {
        return text.length() >= 24 && text.charAt(19) == '.';
    }

    /**
     * The instant of a valid timestamp.
     *
     * @throws IllegalArgumentException with the reason when it is not one
     */
    public static Instant parse(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException(p + ": '" + text + "'");
        });
        int digits = text.length() > 20 ? text.length() - 21 : 0;
        if (digits > 9) {
            return parseWithFormatter(text);
        }
        // the fields were checked by problem(): compute the instant without a formatter (it is on every hot path)
        long day = LocalDate.of(num(text, 0, 4), num(text, 5, 2), num(text, 8, 2)).toEpochDay();
        long seconds = day * 86_400 + num(text, 11, 2) * 3_600L + num(text, 14, 2) * 60L + num(text, 17, 2);
        int nanos = 0;
        for (int i = 0; i < digits; i++) {
            nanos = nanos * 10 + (text.charAt(20 + i) - '0');
        }
        for (int i = digits; i < 9; i++) {
            nanos *= 10;
        }
        return Instant.ofEpochSecond(seconds, nanos); // a leap second (:60) is the following second
    }

    /** The reading through {@link Instant#parse}, for fractions beyond nanoseconds (and as the tests' oracle). */
    static Instant parseWithFormatter(String text) {
        boolean leap = text.startsWith("60", 17);
        String normal = leap ? text.substring(0, 17) + "59" + text.substring(19) : text;
        Instant i = Instant.parse(normal);
        return leap ? i.plusSeconds(1) : i;
    }

    private static boolean shapeOk(String s) {
        for (int i = 0; i < 19; i++) {
            char c = s.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        int end = s.length() - 1;
        if (end == 19) {
            return true;
        }
        if (s.charAt(19) != '.' || end == 20) {
            return false;
        }
        for (int i = 20; i < end; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int len) {
        return Integer.parseInt(s, from, from + len, 10);
    }
}
