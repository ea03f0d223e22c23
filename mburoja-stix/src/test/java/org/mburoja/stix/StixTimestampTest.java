package org.mburoja.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The formatter-free reading of timestamps gives the instant {@link Instant#parse} gives, for every valid shape. */
class StixTimestampTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 20).mapToObj(i -> 0x7157A000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void readsEveryValidTimestampAsTheFormatterDoes(long seed) {
        Random r = new Random(seed);
        for (int n = 0; n < 2_000; n++) {
            int year = r.nextInt(10) == 0 ? r.nextInt(10_000) : 1970 + r.nextInt(100);
            int month = 1 + r.nextInt(12);
            int day = 1 + r.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
            int second = r.nextInt(20) == 0 ? 60 : r.nextInt(60);
            StringBuilder t = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                    r.nextInt(24), r.nextInt(60), second));
            int digits = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(9);
            if (digits > 0) {
                t.append('.');
                for (int i = 0; i < digits; i++) {
                    t.append((char) ('0' + r.nextInt(10)));
                }
            }
            String text = t.append('Z').toString();
            assertThat(StixTimestamp.parse(text)).as(text).isEqualTo(StixTimestamp.parseWithFormatter(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T23:59:60Z", "2024-02-29T00:00:00.000Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00.1Z", "1969-12-31T23:59:59.5Z"})
    void readsTheEdgesAsTheFormatterDoes(String text) {
        assertThat(StixTimestamp.parse(text)).isEqualTo(StixTimestamp.parseWithFormatter(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00", "2026-01-01T00:00:00+01:00", "2026-01-01t00:00:00z", "2026-01-01T00:00:00.Z",
            "2026-1-01T00:00:00Z", ""})
    void refusesWhatIsNoStixTimestamp(String text) {
        assertThatThrownBy(() -> StixTimestamp.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void aFractionBeyondNanosecondsIsReadAsBefore() {
        String text = "2026-01-01T00:00:00.1234567891Z";
        Object before;
        try {
            before = StixTimestamp.parseWithFormatter(text);
        } catch (RuntimeException e) {
            before = e.getClass();
        }
        Object now;
        try {
            now = StixTimestamp.parse(text);
        } catch (RuntimeException e) {
            now = e.getClass();
        }
        assertThat(now).isEqualTo(before);
    }

    /** Formatted instants are valid created/modified values and read back as themselves, whole seconds included. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-07T12:16:19Z", "2026-12-07T12:16:19.001Z", "2026-12-07T12:16:19.999Z",
            "1970-01-01T00:00:00Z", "2099-12-31T23:59:59.500Z"})
    void formatsToTheMillisecondWithTheFractionAlways(String instant) {
        Instant t = Instant.parse(instant);
        String text = StixTimestamp.format(t);
        assertThat(text).hasSize(24).endsWith("Z");
        assertThat(StixTimestamp.hasMillis(text)).isTrue();
        assertThat(StixTimestamp.problem(text)).isEmpty();
        assertThat(StixTimestamp.parse(text)).isEqualTo(t);
    }
}
