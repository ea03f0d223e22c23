package org.mburoja.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.stix.marking.TlpMarkings;

/** Everything the engine emits validates against the OASIS JSON schemas. */
class SchemaConformanceTest {

    static java.util.List<Path> examples() throws IOException {
        return ExampleBundlesTest.examples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void reEmittedExampleValidatesAgainstOasisSchemas(Path file) throws IOException {
        var tree = StixJson.read(Files.readString(file));
        String emitted = "bundle".equals(tree.path("type").asString())
                ? StixBundle.from(tree).toJson() : StixObject.of(tree).toJson();
        assertThat(StixSchemas.errorsDeep(StixJson.read(emitted))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Tlp.class)
    void emittedTlpMarkingDefinitionsValidate(Tlp tlp) {
        assertThat(StixSchemas.errors(StixJson.read(TlpMarkings.definition(tlp).toJson()))).isEmpty();
        TlpMarkings.definitionV1(tlp).ifPresent(d -> assertThat(StixSchemas.errors(StixJson.read(d.toJson())))
                .isEmpty());
    }

    @Test
    void schemaCheckCatchesABrokenObject() {
        var broken = StixJson.read("{\"type\": \"indicator\", \"spec_version\": \"2.1\","
                + " \"id\": \"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"}");
        assertThat(StixSchemas.errors(broken)).isNotEmpty();
    }
}
