package org.mburoja.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.ObjectOutcome.Status;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class StixStoreIT {

    private static final String SHKABA = "indicator--a740531e-63ff-4e49-a9e1-a0a3eed0e3e7";

    @Autowired
    StixStore store;
    @Autowired
    IntelCollections collections;
    @Autowired
    Organisations organisations;
    @Autowired
    AuditLog audit;

    IntelWorld world;

    @BeforeEach
    void world() {
        world = new IntelWorld(organisations, collections);
    }

    private List<JsonNode> versionsFixture() {
        return IntelWorld.objectsOf(IntelWorld.fixture(StixStoreIT.class, "indicator-versions.json"));
    }

    private List<StoredObject> all(VersionMatch versions, Set<String> ids) {
        return store.read(world.analyst, new ObjectQuery(world.collection.id(), null, ids, Set.of(), versions,
                Set.of(), null, 1000)).objects();
    }

    @Test
    void everyExampleBundleIsStoredAndServedBackWithoutLoss() throws IOException {
        Path examples = Path.of(System.getProperty("mburoja.shared.dir", "../../shared"), "data/stix/examples");
        List<Path> files;
        try (Stream<Path> s = Files.walk(examples)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path f : files) {
            List<JsonNode> objects = IntelWorld.objectsOf(Files.readString(f));
            IngestReport report = store.ingest(world.analyst, world.collection.id(), objects, "local");
            assertThat(report.outcomes()).as(f.getFileName() + ": " + report.outcomes())
                    .allMatch(ObjectOutcome::success);
            for (JsonNode o : objects) {
                List<StoredObject> back = all(VersionMatch.ALL, Set.of(o.get("id").stringValue()));
                assertThat(back).as(o.get("id").stringValue()).isNotEmpty();
                assertThat(back.stream().map(b -> StixJson.MAPPER.readTree(b.json())))
                        .as(f.getFileName() + " " + o.get("id")).contains(o);
            }
        }
    }

    @Test
    void aBadObjectIsRejectedWithItsReasonAndNeverBlocksTheRest() {
        IngestReport report = store.ingest(world.analyst, world.collection.id(), versionsFixture(), "local");
        assertThat(report.outcomes()).extracting(ObjectOutcome::status).containsExactly(Status.ACCEPTED,
                Status.ACCEPTED, Status.REJECTED, Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED);
        ObjectOutcome bad = report.outcomes().get(2);
        assertThat(bad.id()).isEqualTo("indicator--0b5b2b0c-4b8a-4e0e-9d2a-0a9c3f1e7a11");
        assertThat(bad.message()).contains("created").contains("2026-13-01");
    }

    @Test
    void objectsWithNulCharactersAreRejectedAndTheRestOfTheBundleIsStored() {
        String good = """
                {"type":"indicator","spec_version":"2.1","id":"indicator--%s","created":"2026-10-01T08:00:00.000Z",
                 "modified":"2026-10-01T08:00:00.000Z","name":"%s","pattern":"[ipv4-addr:value = '%s']",
                 "pattern_type":"stix","valid_from":"2026-10-01T08:00:00Z","labels":["%s"]}""";
        List<JsonNode> objects = List.of(
                StixJson.MAPPER.readTree(good.formatted("11111111-1111-4111-8111-111111111111", "ok", "203.0.113.1", "c2")),
                StixJson.MAPPER.readTree(good.formatted("22222222-2222-4222-8222-222222222222", "label", "203.0.113.2",
                        "c2\\u0000x")),
                StixJson.MAPPER.readTree(good.formatted("33333333-3333-4333-8333-333333333333", "n\\u0000ame",
                        "203.0.113.3", "c2")),
                StixJson.MAPPER.readTree(good.formatted("44444444-4444-4444-8444-444444444444", "value", "203.0.\\u0000113.4",
                        "c2")),
                StixJson.MAPPER.readTree("{\"type\":\"indicator\",\"x_\\u0000\":1}"),
                StixJson.MAPPER.readTree(good.formatted("55555555-5555-4555-8555-555555555555", "ok too", "203.0.113.5",
                        "c2")));
        IngestReport report = store.ingest(world.analyst, world.collection.id(), objects, "local");
        assertThat(report.outcomes()).extracting(ObjectOutcome::status).containsExactly(Status.ACCEPTED,
                Status.REJECTED, Status.REJECTED, Status.REJECTED, Status.REJECTED, Status.ACCEPTED);
        assertThat(report.outcomes().subList(1, 5)).allSatisfy(o -> assertThat(o.message()).contains("U+0000"));
        assertThat(all(VersionMatch.ALL, Set.of())).extracting(StoredObject::id).containsExactlyInAnyOrder(
                "indicator--11111111-1111-4111-8111-111111111111", "indicator--55555555-5555-4555-8555-555555555555");
    }

    @Test
    void hostileTextAndOldLeapAndExtremeTimestampsAreStoredExactlyAndDeduplicated() {
        List<JsonNode> objects = new java.util.ArrayList<>(IntelWorld.objectsOf(
                IntelWorld.fixture(StixStoreIT.class, "hostile-text-and-old-timestamps.json")));
        // a huge value: well past any buffer, with escapes and a surrogate pair on every repetition
        tools.jackson.databind.node.ObjectNode huge = (tools.jackson.databind.node.ObjectNode) objects.get(3).deepCopy();
        huge.put("id", "malware--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
        huge.put("description", "\\\t\n\r\uD83D\uDC09\u00eb".repeat(60_000));
        objects.add(huge);

        IngestReport report = store.ingest(world.analyst, world.collection.id(), objects, "local");
        assertThat(report.outcomes()).as(report.outcomes().toString()).allMatch(ObjectOutcome::success);

        String indicator = "indicator--7f3c2b1a-9e8d-4c7b-8a6f-5e4d3c2b1a09";
        List<StoredObject> versions = all(VersionMatch.ALL, Set.of(indicator));
        assertThat(versions).extracting(StoredObject::versionText).containsExactly("1066-10-14T09:00:00.000Z",
                "1582-10-10T12:00:00.500Z", "2016-12-31T23:59:60.123456Z");
        assertThat(versions).extracting(StoredObject::version).containsExactly(
                Instant.parse("1066-10-14T09:00:00Z"), Instant.parse("1582-10-10T12:00:00.5Z"),
                Instant.parse("2016-12-31T23:59:59.123456Z"));
        for (JsonNode o : objects) {
            assertThat(all(VersionMatch.ALL, Set.of(o.get("id").stringValue())).stream()
                    .map(b -> StixJson.MAPPER.readTree(b.json()))).as(o.get("id").stringValue()).contains(o);
        }
        assertThat(all(new VersionMatch(true, false, false, Set.of()), Set.of(indicator))).extracting(StoredObject::versionText)
                .containsExactly("1066-10-14T09:00:00.000Z");
        assertThat(all(VersionMatch.LAST, Set.of(indicator))).extracting(StoredObject::versionText)
                .containsExactly("2016-12-31T23:59:60.123456Z");
        assertThat(all(new VersionMatch(false, false, false, Set.of(Instant.parse("1582-10-10T12:00:00.5Z"))),
                Set.of(indicator))).extracting(StoredObject::versionText).containsExactly("1582-10-10T12:00:00.500Z");
        StoredObject malware = all(VersionMatch.ALL, Set.of("malware--0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"))
                .getFirst();
        assertThat(malware.version()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));

        assertThat(store.search(world.analyst, criteria(null, "tab\tlabel", null, null, null)))
                .extracting(StoredObject::versionText).containsExactly("2016-12-31T23:59:60.123456Z");
        assertThat(store.search(world.analyst, criteria(null, "line\r\nbreak", null, null, null)))
                .extracting(StoredObject::id).containsExactly(indicator);
        assertThat(store.search(world.analyst, criteria(null, "\\N", null, null, null)))
                .extracting(StoredObject::id).containsExactlyInAnyOrder("malware--0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
                        "malware--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
        assertThat(store.search(world.analyst, criteria(null, null, "\u00cbXAMPLE-\uD83D\uDC09.AL", null, null)))
                .extracting(StoredObject::id).containsExactly(indicator);

        IngestReport again = store.ingest(world.analyst, world.collection.id(), objects, "local");
        assertThat(again.outcomes()).as(again.outcomes().toString()).extracting(ObjectOutcome::status)
                .containsOnly(Status.DUPLICATE);
    }

    @Test
    void aBundleOfSeveralCheckChunksKeepsOutcomeOrderVersionsAndDateAddedAcrossChunks() {
        // ids pair up as (1, 2), (3, 4), ..., so the pair (999, 1000) straddles the first chunk boundary
        String template = """
                {"type":"indicator","spec_version":"2.1","id":"indicator--%s","created":"2026-10-01T08:00:00.000Z",
                 "modified":"%s","name":"n%d","pattern":"[ipv4-addr:value = '198.51.100.%d']",
                 "pattern_type":"stix","valid_from":"2026-10-01T08:00:00Z"}""";
        int n = 2_345;
        List<JsonNode> objects = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = new java.util.UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L | (i + 1) / 2).toString();
            String modified = i % 500 == 7 ? "2026-13-01T08:00:00.000Z"
                    : i % 2 == 1 ? "2026-10-01T08:00:00.000Z" : "2026-10-02T08:00:00.000Z";
            objects.add(StixJson.MAPPER.readTree(template.formatted(id, modified, i, i % 250)));
        }
        objects.set(1_500, objects.get(200));
        IngestReport report = store.ingest(world.analyst, world.collection.id(), objects, "local");
        assertThat(report.outcomes()).hasSize(n);
        for (int i = 0; i < n; i++) {
            ObjectOutcome o = report.outcomes().get(i);
            Status expected = i == 1_500 ? Status.DUPLICATE : i % 500 == 7 ? Status.REJECTED : Status.ACCEPTED;
            assertThat(o.index()).isEqualTo(i);
            assertThat(o.status()).as("object %d: %s", i, o).isEqualTo(expected);
        }
        String straddling = "indicator--" + new java.util.UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L | 500);
        List<StoredObject> versions = all(VersionMatch.ALL, Set.of(straddling));
        assertThat(versions).extracting(StoredObject::versionText).containsExactly("2026-10-01T08:00:00.000Z",
                "2026-10-02T08:00:00.000Z");
        assertThat(versions.get(1).dateAdded()).isAfter(versions.get(0).dateAdded());
        assertThat(all(VersionMatch.LAST, Set.of(straddling))).extracting(StoredObject::versionText)
                .containsExactly("2026-10-02T08:00:00.000Z");
        assertThat(all(new VersionMatch(true, false, false, Set.of()), Set.of(straddling)))
                .extracting(StoredObject::versionText).containsExactly("2026-10-01T08:00:00.000Z");

        IngestReport again = store.ingest(world.analyst, world.collection.id(), objects, "local");
        assertThat(again.count(Status.ACCEPTED)).isZero();
        assertThat(again.count(Status.REJECTED)).isEqualTo(5);
        assertThat(again.count(Status.DUPLICATE)).isEqualTo(n - 5);
    }

    @Test
    void sameIdAndVersionIsStoredOnceAndTheLatestVersionIsServedByDefault() {
        store.ingest(world.analyst, world.collection.id(), versionsFixture(), "local");
        IngestReport again = store.ingest(world.analyst, world.collection.id(), versionsFixture(), "local");
        assertThat(again.count(Status.ACCEPTED)).isZero();
        assertThat(again.count(Status.DUPLICATE)).isEqualTo(5);

        assertThat(all(VersionMatch.ALL, Set.of(SHKABA))).extracting(StoredObject::versionText)
                .containsExactlyInAnyOrder("2026-10-01T08:00:00.000Z", "2026-10-05T08:00:00.000Z",
                        "2026-10-03T08:00:00.000Z");
        assertThat(all(VersionMatch.LAST, Set.of(SHKABA))).extracting(StoredObject::versionText)
                .containsExactly("2026-10-05T08:00:00.000Z");
        assertThat(all(new VersionMatch(true, false, false, Set.of()), Set.of(SHKABA)))
                .extracting(StoredObject::versionText).containsExactly("2026-10-01T08:00:00.000Z");
        assertThat(all(new VersionMatch(false, false, false, Set.of(Instant.parse("2026-10-03T08:00:00Z"))),
                Set.of(SHKABA))).extracting(StoredObject::versionText).containsExactly("2026-10-03T08:00:00.000Z");
    }

    @Test
    void dateAddedGrowsStrictlyInIngestOrder() {
        store.ingest(world.analyst, world.collection.id(), versionsFixture(), "local");
        List<StoredObject> objects = all(VersionMatch.ALL, Set.of());
        for (int i = 1; i < objects.size(); i++) {
            assertThat(objects.get(i).dateAdded()).isAfter(objects.get(i - 1).dateAdded());
        }
    }

    @Test
    void revocationAddsARevokedVersionThatSearchLeavesOutByDefault() {
        store.ingest(world.analyst, world.collection.id(), versionsFixture(), "local");
        IngestReport r = store.revoke(world.analyst, world.collection.id(), SHKABA);
        assertThat(r.count(Status.ACCEPTED)).isEqualTo(1);
        StoredObject latest = all(VersionMatch.LAST, Set.of(SHKABA)).getFirst();
        assertThat(latest.revoked()).isTrue();
        assertThat(StixJson.MAPPER.readTree(latest.json()).get("revoked").booleanValue()).isTrue();
        SearchCriteria byValue = new SearchCriteria(world.collection.id(), null, null, "203.0.113.45", null, null,
                false, 10);
        assertThat(store.search(world.analyst, byValue)).isEmpty();
        assertThat(store.search(world.analyst, new SearchCriteria(world.collection.id(), null, null, "203.0.113.45",
                null, null, true, 10))).extracting(StoredObject::id).containsExactly(SHKABA);
    }

    /**
     * The revoked version's {@code modified} is one millisecond after the latest when that is not in the past; here it
     * falls on a whole second, where {@code Instant.toString} writes no fraction and the store refused the revocation
     * as imprecise (the same happened to 1 revocation in 1,000 made at the current time).
     */
    @Test
    void aRevocationThatFallsOnAWholeSecondIsStoredWithItsMilliseconds() {
        String id = "indicator--5a1e7c3b-9d2f-4e8a-b6c4-0f1e2d3c4b5a";
        store.ingest(world.analyst, world.collection.id(), List.of(StixJson.MAPPER.readTree("""
                {"type":"indicator","spec_version":"2.1","id":"%s","created":"2026-10-01T08:00:00.000Z",
                 "modified":"2099-01-01T00:00:00.999Z","name":"future","pattern":"[ipv4-addr:value = '203.0.113.9']",
                 "pattern_type":"stix","valid_from":"2026-10-01T08:00:00Z"}""".formatted(id))), "local");
        IngestReport r = store.revoke(world.analyst, world.collection.id(), id);
        assertThat(r.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).as(o.message()).isEqualTo(Status.ACCEPTED);
            assertThat(o.version()).isEqualTo("2099-01-01T00:00:01.000Z");
        });
        StoredObject latest = all(VersionMatch.LAST, Set.of(id)).getFirst();
        assertThat(latest.revoked()).isTrue();
        assertThat(StixJson.MAPPER.readTree(latest.json()).get("modified").asString())
                .isEqualTo("2099-01-01T00:00:01.000Z");
    }

    @Test
    void searchFindsLatestVersionsByTypeLabelValueAndTime() {
        store.ingest(world.analyst, world.collection.id(), versionsFixture(), "local");
        assertThat(store.search(world.analyst, criteria("indicator", null, null, null, null)))
                .extracting(StoredObject::versionText).containsExactly("2026-10-05T08:00:00.000Z");
        assertThat(store.search(world.analyst, criteria(null, "loader", null, null, null)))
                .extracting(StoredObject::id).containsExactly("malware--c1a6f0d4-2f6e-4a35-9b6e-51f0e2b0a9d2");
        assertThat(store.search(world.analyst, criteria(null, null, "203.0.113.44", null, null)))
                .extracting(StoredObject::type).containsExactlyInAnyOrder("indicator", "ipv4-addr");
        assertThat(store.search(world.analyst, criteria(null, null, null, Instant.parse("2026-10-02T00:00:00Z"),
                Instant.parse("2026-10-03T00:00:00Z")))).extracting(StoredObject::type).containsExactly("malware");
    }

    @Test
    void writingWithoutWriteAccessIsRefusedAndAudited() {
        long before = audit.count(new AuditFilter(null, "access.denied", null, null, null, null));
        assertThatThrownBy(() -> store.ingest(world.partnerOutsideGroup, world.collection.id(), versionsFixture(),
                "local")).isInstanceOf(IntelAccessDenied.class);
        assertThat(audit.count(new AuditFilter(null, "access.denied", null, null, null, null))).isEqualTo(before + 1);
        assertThat(all(VersionMatch.ALL, Set.of())).isEmpty();
    }

    @Test
    void everyIngestIsAuditedWithTheAcceptedVersions() {
        store.ingest(world.partnerInGroup, world.collection.id(), versionsFixture(), "local");
        var entries = audit.search(new AuditFilter(world.partnerInGroup.username(), "intel.objects.ingest", null,
                null, null, null), 0, 5);
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().after()).contains(SHKABA + "@2026-10-05T08:00:00.000Z").contains("\"rejected\":1");
    }

    private SearchCriteria criteria(String type, String label, String value, Instant from, Instant to) {
        return new SearchCriteria(world.collection.id(), type, label, value, from, to, false, 50);
    }
}
