package org.mburoja.stix.misp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.stix.SharedData;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;

class MispFeedTest {

    private final MispImporter importer =
            new MispImporter(Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    private final MispFeed feed = new MispFeed(importer);

    private static List<String> patterns(List<StixObject> objects) {
        return objects.stream().filter(o -> o.type().equals("indicator"))
                .map(o -> o.string("pattern").orElse("")).sorted().toList();
    }

    @Test
    void exportedFeedReimportsWithTheSameIndicatorsAndTlp(@TempDir Path dir) throws IOException {
        List<StixObject> original = importer.importDocument(StixJson.read(Files.readString(
                SharedData.dir("misp/events/existing_event.json")))).objects();
        List<String> events = feed.export(original, dir, "AL-CERT");
        assertThat(events).containsExactly("5a3c2fcd-8328-42bb-a95e-4f4402de0b81");
        assertThat(StixJson.read(Files.readString(dir.resolve("manifest.json"))).propertyNames())
                .containsExactlyElementsOf(events);
        assertThat(Files.readAllLines(dir.resolve("hashes.csv"))).hasSize(patterns(original).size());
        MispImport back = feed.importDirectory(dir);
        assertThat(back.problems()).isEmpty();
        assertThat(patterns(back.objects())).isEqualTo(patterns(original));
        assertThat(back.objects()).filteredOn(o -> o.type().equals("report")).singleElement()
                .satisfies(r -> assertThat(r.objectMarkingRefs()).containsExactlyElementsOf(
                        original.stream().filter(o -> o.type().equals("report")).findFirst().orElseThrow()
                                .objectMarkingRefs()));
    }

    @Test
    void hostileManifestCannotEscapeTheFeedDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("manifest.json"),
                "{\"../../etc/passwd\": {}, \"5a3c2fcd-8328-42bb-a95e-4f4402de0b00\": {}}");
        MispImport r = feed.importDirectory(dir);
        assertThat(r.objects()).isEmpty();
        assertThat(r.problems()).containsExactly(
                "manifest entry '../../etc/passwd' is not an event uuid: skipped",
                "event 5a3c2fcd-8328-42bb-a95e-4f4402de0b00 listed in the manifest but missing");
    }

    @Test
    void feedWithoutManifestIsReported(@TempDir Path dir) {
        assertThat(feed.importDirectory(dir).problems()).containsExactly("feed has no manifest.json");
    }
}
