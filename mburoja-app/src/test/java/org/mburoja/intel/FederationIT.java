package org.mburoja.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mburoja.MburojaServer;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.stix.marking.TlpMarkings;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two national nodes on loopback: this test's context is "Albania"; a second server ("Kosovo", own H2 database,
 * random port) is started in the same JVM. Albania publishes objects of every TLP level; Kosovo, configured with
 * Albania as a peer (a real API token of a Kosovo-organisation user on Albania, over HTTP Basic), syncs and must
 * receive exactly what TLP 2.0 allows: CLEAR and GREEN, AMBER only from the collection where Kosovo is in the
 * sharing group, never AMBER+STRICT or RED; authorship ({@code created_by_ref}) intact; a second sync adds nothing.
 * Starting the second server costs 15-40 s, so this is the only test class that does it.
 */
@IntegrationTest
class FederationIT {

    static final UUID NATIONAL = UUID.fromString("9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0001");
    static final UUID PARTNER_SHARING = UUID.fromString("9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0002");
    static final String AUTHOR = "identity--8f3c2a10-6b1e-4c57-9d0a-5e7f0a1b2c00";

    static ConfigurableApplicationContext kosovo;

    @LocalServerPort
    int albaniaPort;
    @Autowired
    ApplicationContext albania;

    @AfterAll
    static void stopKosovo() {
        if (kosovo != null) {
            kosovo.close();
        }
    }

    @Test
    void kosovoReceivesExactlyWhatTlpAllowsWithAuthorshipAndNoDuplicates() throws Exception {
        // Albania: publish, and give Kosovo's partner organisation read rights and a token
        Accounts onAlbania = new Accounts(albania);
        Actor publisher = onAlbania.ready(Role.ANALYST, onAlbania.authority().id()).actor();
        Actor admin = onAlbania.ready(Role.ADMIN, onAlbania.authority().id()).actor();
        StixStore store = albania.getBean(StixStore.class);
        assertThat(store.ingest(publisher, PARTNER_SHARING, IntelWorld.objectsOf(IntelWorld.fixture(getClass(),
                "/org/mburoja/intel/federation-partner-sharing.json")), "local").count(ObjectOutcome.Status.REJECTED))
                .isZero();
        assertThat(store.ingest(publisher, NATIONAL, IntelWorld.objectsOf(IntelWorld.fixture(getClass(),
                "/org/mburoja/intel/federation-national.json")), "local").count(ObjectOutcome.Status.REJECTED))
                .isZero();
        Organisation kosovoOrg = onAlbania.organisation(OrganisationKind.PARTNER, "KCSIRT");
        IntelCollections collections = albania.getBean(IntelCollections.class);
        collections.grant(admin, new CollectionGrant(PARTNER_SHARING, kosovoOrg.id(), true, false, true));
        collections.grant(admin, new CollectionGrant(NATIONAL, kosovoOrg.id(), true, false, false));
        Accounts.Account kosovoUser = onAlbania.ready(Role.PARTNER, kosovoOrg.id());
        String token = albania.getBean(ApiTokens.class).create(kosovoUser.actor(), "federation kosovo",
                Set.of(TokenScope.parse("intel:read")), Instant.now().plus(Duration.ofDays(1))).secret();

        // Kosovo: its own server and database, Albania configured as a peer
        Path home = Files.createTempDirectory("mburoja-kosovo");
        kosovo = new SpringApplicationBuilder(MburojaServer.class).profiles("test").run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:kosovo-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--mburoja.home=" + home, "--mburoja.tool=false");
        Organisations kosovoOrgs = kosovo.getBean(Organisations.class);
        Organisation kosovoAuthority = kosovoOrgs.nationalAuthority().orElseGet(() -> kosovoOrgs.create(
                Actor.system("test"), OrganisationKind.NATIONAL_AUTHORITY, "KCSIRT Kosovo", "XK"));
        Actor kosovoAdmin = new Accounts(kosovo).ready(Role.ADMIN, kosovoAuthority.id()).actor();
        FederationPeers peers = kosovo.getBean(FederationPeers.class);
        String apiRoot = "http://127.0.0.1:" + albaniaPort + "/taxii2/intel/";
        FederationPeer peer = peers.create(kosovoAdmin, new NewFederationPeer("Albania", apiRoot, "BASIC",
                kosovoUser.username(), token, EnumSet.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER), Duration.ofMinutes(15),
                true, List.of(new FederationPeer.Mapping(PARTNER_SHARING.toString(), PARTNER_SHARING, null),
                new FederationPeer.Mapping(NATIONAL.toString(), NATIONAL, null))));

        FederationRun first = peers.sync(kosovoAdmin, peer.id());

        assertThat(first.error()).isNull();
        assertThat(first.stored()).as("identity, CLEAR, GREEN, AMBER; national GREEN").isGreaterThanOrEqualTo(5);
        JdbcClient kosovoDb = kosovo.getBean(JdbcClient.class);
        assertThat(fixtureObjectsIn(kosovoDb, PARTNER_SHARING)).containsOnlyKeys(AUTHOR, id(1), id(2), id(3));
        assertThat(fixtureObjectsIn(kosovoDb, NATIONAL)).containsOnlyKeys(id(11));
        assertThat(fixtureObjectsIn(kosovoDb, PARTNER_SHARING).get(id(3))).isEqualTo(AUTHOR);
        assertThat(fixtureObjectsIn(kosovoDb, NATIONAL).get(id(11))).isEqualTo(AUTHOR);
        assertThat(kosovoDb.sql("SELECT json FROM stix_objects").query(String.class).list())
                .as("nothing RED or AMBER+STRICT reached Kosovo, from this test or any other")
                .allSatisfy(json -> assertThat(TlpMarkings.effectiveTlp(StixObject.parse(json)))
                        .isNotIn(java.util.Optional.of(Tlp.RED), java.util.Optional.of(Tlp.AMBER_STRICT)));
        assertThat(kosovoDb.sql("SELECT DISTINCT source FROM stix_objects").query(String.class).list())
                .containsExactly("peer:Albania");

        long rows = kosovoDb.sql("SELECT COUNT(*) FROM stix_objects").query(Long.class).single();
        FederationRun second = peers.sync(kosovoAdmin, peer.id());

        assertThat(second.error()).isNull();
        assertThat(second.stored()).isZero();
        assertThat(kosovoDb.sql("SELECT COUNT(*) FROM stix_objects").query(Long.class).single()).isEqualTo(rows);
        assertThat(peers.runs(kosovoAdmin, peer.id(), 10)).extracting(FederationRun::id)
                .containsExactly(second.id(), first.id());
        assertThat(peers.find(kosovoAdmin, peer.id()).orElseThrow().mappings())
                .allSatisfy(m -> assertThat(m.addedAfter()).isNotNull());

        // a peer that may only send CLEAR and GREEN refuses the AMBER object and counts it
        FederationPeer strict = peers.create(kosovoAdmin, new NewFederationPeer("Albania green only", apiRoot,
                "BEARER", null, token, EnumSet.of(Tlp.CLEAR, Tlp.GREEN), Duration.ofHours(1), true,
                List.of(new FederationPeer.Mapping(PARTNER_SHARING.toString(), NATIONAL, null))));
        FederationRun refusing = peers.sync(kosovoAdmin, strict.id());
        assertThat(refusing.error()).isNull();
        assertThat(refusing.refusedTlp()).isGreaterThanOrEqualTo(1);
        assertThat(fixtureObjectsIn(kosovoDb, NATIONAL)).doesNotContainKey(id(3));
    }

    private static String id(int n) {
        return "indicator--8f3c2a10-6b1e-4c57-9d0a-5e7f0a1b2c%02d".formatted(n);
    }

    /** The objects of this test's fixtures in a Kosovo collection: id to created_by_ref (the identity to itself). */
    private static Map<String, String> fixtureObjectsIn(JdbcClient db, UUID collection) {
        return db.sql("SELECT stix_id, created_by_ref FROM stix_objects WHERE collection_id = ? AND stix_id LIKE ?")
                .params(collection, "%--8f3c2a10-6b1e-4c57-9d0a-5e7f0a1b2c%")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2) == null ? rs.getString(1)
                        : rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }
}
