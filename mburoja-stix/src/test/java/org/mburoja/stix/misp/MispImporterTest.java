package org.mburoja.stix.misp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.stix.SharedData;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixProblem;
import org.mburoja.stix.StixSchemas;
import org.mburoja.stix.StixValidator;
import org.mburoja.stix.marking.Tlp;

class MispImporterTest {

    private final MispImporter importer =
            new MispImporter(Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));

    static List<Path> events() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.dir("misp/events"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private MispImport load(String name) throws IOException {
        return importer.importDocument(StixJson.read(Files.readString(SharedData.dir("misp/events/" + name))));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyImportedObjectIsValidStixAndMatchesTheOasisSchemas(Path file) throws IOException {
        MispImport result = importer.importDocument(StixJson.read(Files.readString(file)));
        StixBundle bundle = StixBundle.of(result.objects());
        List<StixProblem> problems = new StixValidator().validate(StixJson.read(bundle.toJson()));
        assertThat(problems).filteredOn(p -> p.severity() == StixProblem.Severity.ERROR).isEmpty();
        for (StixObject o : result.objects()) {
            assertThat(StixSchemas.errors(StixJson.read(o.toJson()))).as(o.toString()).isEmpty();
        }
    }

    @Test
    void mapsEventAttributesObjectsGalaxiesAndTlp() throws IOException {
        MispImport r = load("existing_event.json");
        List<StixObject> objs = r.objects();
        StixObject report = objs.stream().filter(o -> o.type().equals("report")).findFirst().orElseThrow();
        assertThat(report.id()).isEqualTo("report--5a3c2fcd-8328-42bb-a95e-4f4402de0b81");
        assertThat(report.string("name")).contains("OSINT - Sednit update: How Fancy Bear Spent the Year");
        assertThat(report.objectMarkingRefs()).containsExactly(Tlp.CLEAR.markingId());
        assertThat(report.refs("labels")).contains("workflow:state=\"incomplete\"");
        assertThat(objs).filteredOn(o -> o.type().equals("identity")).singleElement()
                .satisfies(i -> assertThat(i.string("name")).contains("CIRCL"));
        assertThat(objs).filteredOn(o -> o.type().equals("indicator"))
                .anySatisfy(i -> assertThat(i.string("pattern").orElse("")).startsWith("[domain-name:value = '"))
                .anySatisfy(i -> assertThat(i.string("pattern").orElse(""))
                        .contains("file:hashes.'SHA-1' = '68064fc152e23d56e541714af52651cb4ba81aaf'"));
        assertThat(objs).extracting(StixObject::type)
                .contains("threat-actor", "tool", "malware", "relationship", "marking-definition", "note");
        assertThat(objs).filteredOn(o -> o.type().equals("threat-actor"))
                .anySatisfy(t -> assertThat(t.string("name")).contains("Sofacy"));
        assertThat(objs).filteredOn(o -> o.type().equals("relationship"))
                .allSatisfy(rel -> assertThat(rel.string("relationship_type")).contains("indicates"));
    }

    @Test
    void importIsDeterministicSoRepeatedImportsDeduplicate() throws IOException {
        assertThat(load("existing_event.json").objects()).isEqualTo(load("existing_event.json").objects());
        assertThat(load("attribute.json").objects()).isEqualTo(load("attribute.json").objects());
    }

    @Test
    void keepsAttributeTagsAsLabelsAndReportsProposals() throws IOException {
        assertThat(load("attribute.json").objects()).filteredOn(o -> o.type().equals("indicator")).singleElement()
                .satisfies(i -> {
                    assertThat(i.string("pattern")).contains("[file:name = 'bar.exe']");
                    assertThat(i.refs("labels")).containsExactly("osint");
                });
        assertThat(load("proposals.json").problems()).anySatisfy(p -> assertThat(p).contains("ShadowAttribute"));
    }

    @Test
    void refusesDocumentsThatAreNotEvents() throws IOException {
        assertThat(load("simple.json").objects()).isEmpty();
        assertThat(load("simple.json").problems()).containsExactly("not a MISP event (no info, Attribute or Object)");
        assertThat(load("galaxy.json").problems()).hasSize(1);
    }

    @Test
    void malformedHashBecomesANoteNotAnInvalidIndicator() throws IOException {
        String json = Files.readString(Path.of("src/test/resources/org/mburoja/stix/misp/bad-hash-event.json"));
        MispImport r = importer.importDocument(StixJson.read(json));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("does not make a valid STIX pattern"));
        assertThat(r.objects()).filteredOn(o -> o.type().equals("note"))
                .anySatisfy(n -> assertThat(n.string("content")).contains("not-a-hash"));
        assertThat(r.objects()).filteredOn(o -> o.type().equals("sighting")).singleElement()
                .satisfies(s -> assertThat(s.string("sighting_of_ref")).contains(
                        "indicator--5a3cd5b6-2850-435f-bd0d-4c62950d2100"));
    }
}
