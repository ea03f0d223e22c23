package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written shape checks of {@link StixObjectCheck} against what they replace: the regular expressions and
 * {@link Instant#parse} the check used before (kept here as the oracle), on seeded mutations of valid and near-valid
 * texts.
 */
class StixObjectCheckShapesTest {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
    private static final Pattern UUID_PART =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    /** Characters the mutations draw from: the shapes' own, their near misses and other scripts' digits. */
    private static final String ALPHABET = "0123456789abcdefABCDEFgzGZ-T:._tz \u0663\uff10\uff21\u00e9\n";

    static IntStream seeds() {
        return IntStream.range(0, 24);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void timestampsAreAcceptedAndReadAsInstantParseDoes(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 4_000; i++) {
            String s = mutate(r, validTimestamp(r));
            boolean shape = TIMESTAMP.matcher(s).matches();
            assertThat(StixObjectCheck.timestampOk(s)).as(s).isEqualTo(shape);
            if (shape) {
                assertThat(StixObjectCheck.instant(s)).as(s).isEqualTo(oracleInstant(s));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void identifiersMatchTheRegularExpressions(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 4_000; i++) {
            String type = mutate(r, validType(r));
            String uuid = mutate(r, java.util.UUID.randomUUID().toString());
            if (r.nextBoolean()) {
                uuid = uuid.toUpperCase(java.util.Locale.ROOT);
            }
            assertThat(StixObjectCheck.typeOk(type)).as(type).isEqualTo(TYPE.matcher(type).matches());
            String id = type + "--" + uuid;
            assertThat(StixObjectCheck.uuidOk(id, type.length() + 2)).as(id)
                    .isEqualTo(UUID_PART.matcher(uuid).matches());
        }
    }

    @Test
    void edgeCases() {
        for (String s : new String[] {"2024-02-29T23:59:60Z", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z",
                "2024-01-01T24:00:01Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-04-31T00:00:00Z",
                "2024-01-01T00:60:00Z", "2024-01-01T00:00:61Z", "2024-06-30T23:59:60.5Z", "1582-10-10T00:00:00Z"}) {
            assertThat(StixObjectCheck.timestampOk(s)).as(s).isTrue();
            assertThat(StixObjectCheck.instant(s)).as(s).isEqualTo(oracleInstant(s));
        }
        for (String s : new String[] {"", "Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z",
                "2024-01-01T00:00:00z", "2024-01-01t00:00:00Z", "2024-01-01T00:00:00+00:00", "\u0663024-01-01T00:00:00Z",
                "2024-01-01T00:00:00Z\n", " 2024-01-01T00:00:00Z"}) {
            assertThat(StixObjectCheck.timestampOk(s)).as(s).isEqualTo(TIMESTAMP.matcher(s).matches()).isFalse();
        }
        assertThat(StixObjectCheck.typeOk("a-b")).isTrue();
        assertThat(StixObjectCheck.typeOk("ab")).isFalse();
        assertThat(StixObjectCheck.typeOk("a".repeat(250))).isTrue();
        assertThat(StixObjectCheck.typeOk("a".repeat(251))).isFalse();
        assertThat(StixObjectCheck.uuidOk("x--\u0663" + "1234567-1234-4123-8123-123456789012", 3)).isFalse();
        assertThat(StixObjectCheck.uuidOk("x--" + "\uff21" + "1234567-1234-4123-8123-123456789012", 3)).isFalse();
    }

    private static Instant oracleInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String validTimestamp(SplittableRandom r) {
        String fraction = switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> ".000";
            default -> "." + String.valueOf(r.nextLong(1, Long.MAX_VALUE)).substring(0, r.nextInt(1, 11));
        };
        // fields a little beyond their ranges too, so that impossible dates and times are drawn
        return "%04d-%02d-%02dT%02d:%02d:%02d%sZ".formatted(r.nextInt(0, 10_000), r.nextInt(0, 14), r.nextInt(0, 33),
                r.nextInt(0, 26), r.nextInt(0, 62), r.nextInt(0, 62), fraction);
    }

    private static String validType(SplittableRandom r) {
        String[] types = {"indicator", "attack-pattern", "x-acme-widget", "ipv4-addr", "a1", "abc", "x--y", "-ab",
                "ab-", "a".repeat(250), "b".repeat(251)};
        return types[r.nextInt(types.length)];
    }

    /** Zero to three edits (replace, insert, delete) at random places, or the text unchanged. */
    private static String mutate(SplittableRandom r, String s) {
        StringBuilder b = new StringBuilder(s);
        int edits = r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            int at = b.isEmpty() ? 0 : r.nextInt(b.length());
            switch (r.nextInt(3)) {
                case 0 -> {
                    if (!b.isEmpty()) {
                        b.setCharAt(at, c);
                    }
                }
                case 1 -> b.insert(at, c);
                default -> {
                    if (!b.isEmpty()) {
                        b.deleteCharAt(at);
                    }
                }
            }
        }
        return b.toString();
    }
}
