package org.mburoja.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.stix.SharedData;
import org.mburoja.stix.pattern.StixPattern.Comparison;
import org.mburoja.stix.pattern.StixPattern.FollowedBy;
import org.mburoja.stix.pattern.StixPattern.Observation;
import org.mburoja.stix.pattern.StixPattern.ObservationOr;
import org.mburoja.stix.pattern.StixPattern.Qualified;

class PatternParserTest {

    static List<String> specExamples() throws IOException {
        return Files.readAllLines(SharedData.dir("stix/pattern-spec-examples-v21.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
    }

    static List<String> extraValid() throws IOException {
        return lines("valid-extra-patterns.txt").stream().filter(l -> !l.isBlank()).toList();
    }

    static Stream<Arguments> invalid() throws IOException {
        return lines("invalid-patterns.tsv").stream().filter(l -> !l.startsWith("#") && !l.isEmpty())
                .map(l -> l.split("\t", 2)).map(a -> Arguments.of(a[0], a[1]));
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = PatternParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("specExamples")
    void parsesEveryPatternOfTheSpecification(String pattern) {
        assertThat(PatternParser.parse(pattern).source()).isEqualTo(pattern);
    }

    @ParameterizedTest
    @MethodSource("extraValid")
    void parsesEveryLiteralKindAndOperator(String pattern) {
        assertThat(PatternParser.parse(pattern).root()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidPatternWithReasonAndPosition(String pattern, String reason) {
        assertThatThrownBy(() -> PatternParser.parse(pattern))
                .isInstanceOf(PatternSyntaxException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((PatternSyntaxException) e).position()).isPositive());
    }

    @Test
    void reportsTheColumnOfTheLowercaseKeyword() {
        assertThatThrownBy(() -> PatternParser.parse("[file:name = 'a' and file:size = 5]"))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> assertThat(e.position()).isEqualTo(18));
    }

    @Test
    void followedByBindsLooserThanOrAndQualifiersBindToTheLeft() {
        StixPattern p = PatternParser.parse(
                "[a-b:x = 1] OR [a-b:x = 2] FOLLOWEDBY [a-b:x = 3] WITHIN 5 SECONDS");
        assertThat(p.root()).isInstanceOf(FollowedBy.class);
        FollowedBy f = (FollowedBy) p.root();
        assertThat(f.operands().get(0)).isInstanceOf(ObservationOr.class);
        assertThat(f.operands().get(1)).isInstanceOf(Qualified.class);
    }

    @Test
    void unescapesStringsAndKeepsQuotedPathComponents() {
        StixPattern p = PatternParser.parse("[file:extensions.'ntfs-ext'.sid = 'it\\'s']");
        Comparison c = (Comparison) ((Observation) p.root()).comparison();
        assertThat(c.path().toString()).isEqualTo("file:extensions.ntfs-ext.sid");
        assertThat(((StixPattern.StringLiteral) c.value()).value()).isEqualTo("it's");
    }

    @Test
    void rejectsDeepNestingWithoutStackOverflow() {
        String deep = "(".repeat(5000) + "[file:name = 'a']" + ")".repeat(5000);
        assertThatThrownBy(() -> PatternParser.parse(deep)).isInstanceOf(PatternSyntaxException.class)
                .hasMessageContaining("nesting deeper");
    }

    @Test
    void rejectsOversizedPattern() {
        String huge = "[file:name = '" + "a".repeat(PatternParser.MAX_LENGTH) + "']";
        assertThatThrownBy(() -> PatternParser.parse(huge)).hasMessageContaining("longer than");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void garbageNeverEscapesAsAnotherException(long seed) {
        Random r = new Random(seed);
        String alphabet = "[]():.,'\\=!<>*abcAND OR tbh0123456789-+_ZT\"\u00e9\u0000";
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(60);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            try {
                PatternParser.parse(b.toString());
            } catch (PatternSyntaxException e) {
                assertThat(e.position()).isBetween(1, b.length() + 1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void mutatedSpecExamplesFailOnlyWithPositionedErrors(long seed) throws IOException {
        Random r = new Random(seed);
        for (String example : specExamples()) {
            for (int n = 0; n < 200; n++) {
                StringBuilder b = new StringBuilder(example);
                int at = r.nextInt(b.length());
                if (r.nextBoolean()) {
                    b.deleteCharAt(at);
                } else {
                    b.insert(at, "[]()'.:=x-9 ".charAt(r.nextInt(12)));
                }
                try {
                    PatternParser.parse(b.toString());
                } catch (PatternSyntaxException e) {
                    assertThat(e.position()).isBetween(1, b.length() + 1);
                }
            }
        }
    }
}
