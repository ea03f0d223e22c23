package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.stix.marking.Tlp;
import tools.jackson.databind.JsonNode;

class StixObjectCheckTest {

    static String resource(String name) {
        try (InputStream in = StixObjectCheckTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> admissible() {
        List<JsonNode> out = new ArrayList<>();
        StixJson.MAPPER.readTree(resource("admissible-objects.json")).forEach(out::add);
        return out;
    }

    static Stream<Arguments> refusedObjects() {
        return resource("refused-objects.tsv").lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t", 2)).map(p -> Arguments.of(p[0], p[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedObjects")
    void refusesObjectNamingThePropertyAndReason(String reason, String json) {
        StixObjectCheck.Result r = StixObjectCheck.check(StixJson.MAPPER.readTree(json));
        assertThat(r).isInstanceOf(StixObjectCheck.Refused.class);
        assertThat(((StixObjectCheck.Refused) r).reason()).contains(reason);
    }

    @Test
    void admitsCommonObjectsObservablesMarkingsAndCustomTypes() {
        for (JsonNode o : admissible()) {
            assertThat(StixObjectCheck.check(o)).as(o.toString()).isInstanceOf(StixObjectCheck.Admissible.class);
        }
    }

    @Test
    void releaseLevelIsTheStrictestOfObjectAndGranularMarkings() {
        var a = (StixObjectCheck.Admissible) StixObjectCheck.check(admissible().get(0));
        assertThat(a.tlp()).isEqualTo(Tlp.RED);
        assertThat(a.version()).isEqualTo(Instant.parse("2026-11-02T10:00:00.123456Z"));
        assertThat(a.versionText()).isEqualTo("2026-11-02T10:00:00.123456Z");
        assertThat(a.labels()).containsExactly("c2", "apt-x");
    }

    @Test
    void indexesPatternLiteralsAndObservableValuesLowerCased() {
        var indicator = (StixObjectCheck.Admissible) StixObjectCheck.check(admissible().get(0));
        assertThat(indicator.values()).containsExactly("198.51.100.7", "evil.example.al");
        var file = (StixObjectCheck.Admissible) StixObjectCheck.check(admissible().get(2));
        assertThat(file.values()).containsExactly(
                "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f");
    }

    @Test
    void observableWithoutTimestampsHasNoVersionOfItsOwn() {
        var ip = (StixObjectCheck.Admissible) StixObjectCheck.check(admissible().get(1));
        assertThat(ip.version()).isNull();
        assertThat(ip.specVersion()).isEqualTo("2.1");
    }

    @Test
    void patternLiteralsSkipTimestampsBinaryAndUnterminatedLiterals() {
        List<String> out = new ArrayList<>();
        PatternLiterals.collect("[file:name = 'it\\'s.exe' AND artifact:payload_bin = b'AAAA'] "
                + "START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z' AND [url:value = 'unterminated", out);
        assertThat(out).containsExactly("it's.exe");
    }
}
