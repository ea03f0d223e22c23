package org.mburoja.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixProblem;
import org.mburoja.stix.StixValidator;
import tools.jackson.databind.JsonNode;

class PatternEvaluatorTest {

    static String resource(String name) throws IOException {
        try (InputStream in = PatternEvaluatorTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Observation> observations() throws IOException {
        return Observation.fromBundle(StixBundle.parse(resource("observations.json")).objects());
    }

    static Stream<Arguments> cases() throws IOException {
        return resource("evaluation-cases.tsv").lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t")).map(a -> Arguments.of(a[0], Boolean.parseBoolean(a[1])));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void evaluatesPatternOverObservedData(String pattern, boolean expected) throws IOException {
        assertThat(PatternEvaluator.matches(PatternParser.parse(pattern), observations())).isEqualTo(expected);
    }

    @Test
    void fixtureIsValidStix() throws IOException {
        assertThat(new StixValidator().validate(StixJson.read(resource("observations.json"))))
                .filteredOn(p -> p.severity() == StixProblem.Severity.ERROR).isEmpty();
    }

    @Test
    void returnsTheMatchingObservationsInOrder() throws IOException {
        var match = PatternEvaluator.match(PatternParser.parse(
                "[file:name = 'foo.dll'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']"),
                observations());
        assertThat(match).isPresent();
        assertThat(match.get()).extracting(o -> o.firstObserved().toString())
                .containsExactly("2026-01-01T00:01:00Z", "2026-01-01T00:03:00Z");
    }

    @Test
    void catastrophicRegexHitsTheBudgetInsteadOfHanging() {
        JsonNode file = StixJson.read("{\"type\": \"file\", \"name\": \"" + "a".repeat(24) + "b".repeat(40) + "\"}");
        Observation o = new Observation("observed-data--x", java.time.Instant.EPOCH, java.time.Instant.EPOCH, 1,
                Map.of("0", file));
        assertThatThrownBy(() -> PatternEvaluator.matches(PatternParser.parse("[file:name MATCHES '(.*a){25}']"),
                List.of(o))).isInstanceOf(EvaluationLimitException.class);
    }

    /**
     * LIKE's "_" is any character, a line end included; MATCHES' "." is not a line end. A MATCHES regex that reads
     * like a translated LIKE pattern must not take LIKE's flags (nor LIKE MATCHES'), in either order.
     */
    @Test
    void likeAndMatchesKeepTheirOwnMeaningWhenTheirRegexesCoincide() {
        for (String[] order : new String[][] {{"like", "b"}, {"matches", "c"}}) {
            JsonNode file = StixJson.read("{\"type\": \"file\", \"name\": \"a\\n" + order[1] + "\"}");
            List<Observation> o = List.of(new Observation("observed-data--x", java.time.Instant.EPOCH,
                    java.time.Instant.EPOCH, 1, Map.of("0", file)));
            String like = "[file:name LIKE 'a_" + order[1] + "']";
            String matches = "[file:name MATCHES '^\\\\Qa\\\\E.\\\\Q" + order[1] + "\\\\E$']";
            for (String p : order[0].equals("like") ? List.of(like, matches, like) : List.of(matches, like, matches)) {
                assertThat(PatternEvaluator.matches(PatternParser.parse(p), o)).as(p).isEqualTo(p.equals(like));
            }
        }
    }

    @Test
    void combinatorialExplosionIsBounded() {
        List<Observation> many = new ArrayList<>();
        JsonNode proc = StixJson.read("{\"type\": \"process\", \"name\": \"x\"}");
        for (int i = 0; i < 400; i++) {
            many.add(new Observation("o" + i, java.time.Instant.ofEpochSecond(i), java.time.Instant.ofEpochSecond(i),
                    1, Map.of("0", proc)));
        }
        assertThatThrownBy(() -> PatternEvaluator.matches(
                PatternParser.parse("[process:name = 'x'] AND [process:name = 'x'] AND [process:name = 'y']"), many))
                .isInstanceOf(EvaluationLimitException.class);
    }
}
