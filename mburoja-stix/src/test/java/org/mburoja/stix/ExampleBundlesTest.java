package org.mburoja.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ExampleBundlesTest {

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.walk(SharedData.dir("stix/examples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleBundleRoundTripsWithoutLoss(Path file) throws IOException {
        JsonNode original = StixJson.read(Files.readString(file));
        if (!"bundle".equals(original.path("type").asString())) {
            assertThat(StixJson.read(StixObject.of(original).toJson())).isEqualTo(original);
            return;
        }
        StixBundle bundle = StixBundle.from(original);
        JsonNode written = StixJson.read(bundle.toJson());
        assertThat(written).isEqualTo(original);
        for (int i = 0; i < bundle.objects().size(); i++) {
            assertThat(StixObject.parse(bundle.objects().get(i).toJson()).toTree())
                    .isEqualTo(original.get("objects").get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleBundleHasNoValidationErrors(Path file) throws IOException {
        List<StixProblem> problems = new StixValidator().validate(StixJson.read(Files.readString(file)));
        assertThat(problems).filteredOn(p -> p.severity() == StixProblem.Severity.ERROR).isEmpty();
    }
}
