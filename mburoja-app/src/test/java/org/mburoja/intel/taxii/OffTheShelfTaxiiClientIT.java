package org.mburoja.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Accounts.Account;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The server as the OASIS {@code taxii2-client} sees it, over real HTTP on the test port: discovery, API root,
 * collections, add objects and the status URL the client derives, paged reads, one object, versions, manifest and
 * delete, each answer checked by the client's own rules ({@link Taxii2ClientReplay}).
 */
@IntegrationTest
class OffTheShelfTaxiiClientIT {

    private static final String TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ApiTokens tokens;

    Account admin;
    String token;

    @BeforeEach
    void adminWithAToken() {
        Accounts accounts = new Accounts(ctx);
        admin = accounts.ready(Role.ADMIN, accounts.authority().id());
        Set<TokenScope> scopes = new LinkedHashSet<>(List.of(TokenScope.parse("intel:read"),
                TokenScope.parse("intel:write")));
        token = tokens.create(admin.actor(), "taxii2-client", scopes, Instant.now().plus(Duration.ofDays(1))).secret();
    }

    private String discovery() {
        return "http://localhost:" + port + "/taxii2"; // no slash: the client adds it
    }

    private static String nationalCollection(Taxii2ClientReplay client, String root) {
        for (String url : client.collections(root).values()) {
            JsonNode c = client.collection(url);
            if ("national".equals(c.path("alias").asString("")) && c.path("can_write").asBoolean()) {
                return url;
            }
        }
        throw new AssertionError("no writable 'national' collection under " + root);
    }

    private static String envelope(List<String> ids) {
        StringBuilder sb = new StringBuilder("{\"objects\": [");
        for (int i = 0; i < ids.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("""
                    {"type": "indicator", "spec_version": "2.1", "id": "%s",
                     "created": "2026-12-01T10:00:00.000Z", "modified": "2026-12-01T10:00:00.000Z",
                     "name": "taxii2-client replay %d", "indicator_types": ["malicious-activity"],
                     "pattern": "[ipv4-addr:value = '198.51.100.%d']", "pattern_type": "stix",
                     "valid_from": "2026-12-01T10:00:00Z", "object_marking_refs": ["%s"]}
                    """.formatted(ids.get(i), i, i + 1, TLP_CLEAR));
        }
        return sb.append("]}").toString();
    }

    @Test
    void theOasisClientsWholeJourneyWorksWithBasicCredentials() {
        Taxii2ClientReplay client = Taxii2ClientReplay.basic(admin.username(), token);
        List<String> roots = client.apiRoots(discovery());
        assertThat(roots).hasSize(1);
        JsonNode root = client.apiRoot(roots.get(0));
        assertThat(root.path("versions").get(0).asString()).isEqualTo(Taxii2ClientReplay.MEDIA);
        String collection = nationalCollection(client, roots.get(0));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add("indicator--" + UUID.randomUUID());
        }
        Map.Entry<String, JsonNode> added = client.addObjects(collection, envelope(ids));
        assertThat(added.getValue().path("status").asString()).isEqualTo("complete");
        assertThat(added.getValue().path("success_count").asLong()).isEqualTo(7);
        assertThat(added.getKey()).isEqualTo(roots.get(0) + "status/" + added.getValue().path("id").asString() + "/");
        assertThat(client.status(added.getKey()).path("total_count").asLong()).isEqualTo(7);

        List<JsonNode> pages = client.objectPages(collection, 3, Map.of("match[id]", String.join(",", ids)));
        List<String> seen = new ArrayList<>();
        pages.forEach(p -> p.path("objects").forEach(o -> seen.add(o.path("id").asString())));
        assertThat(pages).hasSize(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);

        assertThat(client.getObject(collection, ids.get(0)).path("objects").get(0).path("id").asString())
                .isEqualTo(ids.get(0));
        assertThat(client.versions(collection, ids.get(0)).path("versions")).hasSize(1);
        assertThat(client.manifest(collection, Map.of("match[id]", String.join(",", ids))).path("objects"))
                .hasSize(7);

        assertThat(client.deleteObject(collection, ids.get(0))).isEqualTo(200);
        assertThatThrownBy(() -> client.getObject(collection, ids.get(0))).hasMessageStartingWith("404");
        assertThat(client.requested).allMatch(u -> u.contains("/taxii2/"));
    }

    @Test
    void theOasisClientsTokenAuthIsAccepted() {
        Taxii2ClientReplay client = Taxii2ClientReplay.tokenAuth(token);
        String root = client.apiRoots(discovery()).get(0);
        assertThat(client.collections(root)).isNotEmpty();
    }

    @Test
    void theClientFailsCleanlyOnBadCredentials() {
        assertThatThrownBy(() -> Taxii2ClientReplay.basic(admin.username(), "mbj_wrong").apiRoots(discovery()))
                .hasMessageStartingWith("401");
        assertThatThrownBy(() -> Taxii2ClientReplay.tokenAuth("").apiRoots(discovery()))
                .hasMessageStartingWith("401");
    }

    @Test
    void theClientsContentTypeRuleAcceptsOurMediaTypeAndRejectsOthers() {
        assertThat(Taxii2ClientReplay.validContentType(TaxiiMedia.TAXII, Taxii2ClientReplay.MEDIA)).isTrue();
        assertThat(Taxii2ClientReplay.validContentType("application/json", Taxii2ClientReplay.MEDIA)).isFalse();
        assertThat(Taxii2ClientReplay.validContentType("application/taxii+json", Taxii2ClientReplay.MEDIA)).isFalse();
    }
}
