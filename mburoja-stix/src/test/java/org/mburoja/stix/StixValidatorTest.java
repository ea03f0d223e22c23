package org.mburoja.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.stix.StixProblem.Severity;

class StixValidatorTest {

    private final StixValidator validator = new StixValidator();

    static Stream<Arguments> invalidObjects() throws IOException {
        return resource("invalid-objects.tsv").lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t", -1)).map(a -> Arguments.of(a[0], a[1], a[2], a[3]));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = StixValidatorTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void reportsProblemWithObjectIdAndProperty(String fixture, String id, String property, String fragment)
            throws IOException {
        List<StixProblem> problems = validator.validate(StixJson.read(resource("invalid/" + fixture + ".json")));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.objectId()).isEqualTo(id);
            assertThat(p.property()).isEqualTo(property);
            assertThat(p.message()).contains(fragment);
        });
    }

    @Test
    void keepsCustomPropertiesAndWarnsOnlyForOpenVocabulary() throws IOException {
        String json = resource("valid/custom-properties.json");
        List<StixProblem> problems = validator.validate(StixJson.read(json));
        assertThat(problems).allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("not in indicator-type-ov"));
        assertThat(StixObject.parse(json).toJson()).isEqualTo(StixJson.write(StixJson.read(json)));
        assertThat(StixObject.parse(json).get("x_mburoja_score").decimalValue()).isEqualByComparingTo("0.100000000000000000001");
    }

    @Test
    void rejectsDuplicateKeysBeforeValidation() {
        assertThatThrownBy(() -> StixJson.read("{\"type\": \"file\", \"type\": \"url\"}"))
                .isInstanceOf(StixParseException.class).hasMessageContaining("line 1");
    }

    @Test
    void rejectsDeepNestingAsParseErrorNotStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> StixJson.read(deep)).isInstanceOf(StixParseException.class);
    }

    @Test
    void reportsNonObjectDocument() {
        assertThat(validator.validate(StixJson.read("42"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected a STIX bundle or object"));
    }

    @Test
    void abbreviatesHugeValuesInMessages() {
        String huge = "x".repeat(1_000_000);
        String json = "{\"type\": \"ipv4-addr\", \"id\": \"ipv4-addr--8e2e2d2b-17d4-5cbf-938f-98ee46b3cd3f\","
                + " \"value\": \"" + huge + "\"}";
        assertThat(validator.validate(StixJson.read(json))).singleElement()
                .satisfies(p -> assertThat(p.message().length()).isLessThan(200));
    }
}
