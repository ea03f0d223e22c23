package org.mburoja.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Property names and identifiers checked by hand, against the regular expressions they stand for. */
class NameShapesTest {

    private static final Pattern PROPERTY_NAME = Pattern.compile("^[a-z0-9_]{1,250}$");
    private static final Pattern UUID_SHAPE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
    private static final String ALPHABET = "az09_-AZ.\u0663\uff10\uff21\u00e9 \n";

    static IntStream seeds() {
        return IntStream.range(0, 16);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyNamesMatchTheRegularExpression(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] names = {"id", "x_acme_score", "valid_from", "a", "", "n".repeat(250), "n".repeat(251)};
        for (int i = 0; i < 4_000; i++) {
            String name = mutate(r, names[r.nextInt(names.length)]);
            assertThat(StixValidator.propertyNameOk(name)).as(name).isEqualTo(PROPERTY_NAME.matcher(name).matches());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void identifiersTakeOnlyAsciiHexUuids(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 4_000; i++) {
            String uuid = mutate(r, new UUID(r.nextLong(), r.nextLong()).toString());
            boolean expected = UUID_SHAPE.matcher(uuid).matches();
            assertThat(StixIdentifier.parse("indicator--" + uuid).isPresent()).as(uuid).isEqualTo(expected);
        }
    }

    @Test
    void otherScriptsDigitsAreNotHexDigits() {
        String valid = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
        assertThat(StixIdentifier.parse(valid)).isPresent();
        assertThat(StixIdentifier.parse(valid.replace("8e2e", "\u0663e2e"))).isEmpty();
        assertThat(StixIdentifier.parse(valid.replace("8e2e", "\uff10e2e"))).isEmpty();
        assertThat(StixIdentifier.parse(valid.replace("8e2e", "\uff21e2e"))).isEmpty();
    }

    private static String mutate(SplittableRandom r, String s) {
        StringBuilder b = new StringBuilder(s);
        int edits = r.nextInt(3);
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
