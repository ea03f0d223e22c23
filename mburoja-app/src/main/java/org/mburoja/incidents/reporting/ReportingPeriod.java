package org.mburoja.incidents.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A legal time limit as the law states it. "24 hours" is elapsed time: it ends 24 real hours later whatever the
 * clocks do (a spring-forward night makes it end at 25:00 wall time minus one). "One month" is calendar time in the
 * jurisdiction's zone: it ends on the same wall-clock time of the same day next month (clamped to the month's last
 * day), so it is 743, 744 or 745 real hours long around a DST change. Written in ISO-8601: {@code PT24H} or
 * {@code P1M}; a mixed form such as {@code P1DT2H} is refused because the law never uses it and its reading is
 * ambiguous.
 */
public sealed interface ReportingPeriod {

    /** The instant this period ends when it starts at {@code start}, reading calendar units in {@code zone}. */
    Instant after(Instant start, ZoneId zone);

    /** Elapsed time: hours and minutes. */
    record Elapsed(Duration duration) implements ReportingPeriod {
        public Elapsed {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a reporting period must be positive: " + duration);
            }
        }

        @Override
        public Instant after(Instant start, ZoneId zone) {
            return start.plus(duration);
        }

        @Override
        public String toString() {
            return duration.toString();
        }
    }

    /** Calendar time: days, months, years on the jurisdiction's wall clock. */
    record Calendar(Period period) implements ReportingPeriod {
        public Calendar {
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a reporting period must be positive: " + period);
            }
        }

        /**
         * Same wall-clock time {@code period} later; a time that falls into a spring-forward gap moves forward by the
         * gap's length, and one in an autumn overlap keeps the offset it started with where it can (java.time's
         * rules for {@code ZonedDateTime.plus}).
         */
        @Override
        public Instant after(Instant start, ZoneId zone) {
            return start.atZone(zone).plus(period).toInstant();
        }

        @Override
        public String toString() {
            return period.toString();
        }
    }

    /** Parses {@code PT24H}, {@code PT72H}, {@code P1M}, {@code P30D}; anything else is an error naming the text. */
    static ReportingPeriod parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty period");
        }
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("PT")) {
                return new Elapsed(Duration.parse(t));
            }
            if (t.contains("T")) {
                throw new IllegalArgumentException("mixed calendar and clock period '" + text
                        + "': write either PT..H (elapsed hours) or P..D/P..M (calendar days or months)");
            }
            return new Calendar(Period.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 period: '" + text + "' (e.g. PT24H or P1M)", e);
        }
    }
}
