package org.mburoja.intel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.FederationPeer;
import org.mburoja.intel.FederationPeers;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.IntelWorld;
import org.mburoja.intel.StixStore;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.Principals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The intelligence pages through the real security chain: TLP on what pages show, uploads and their errors. */
@IntegrationTest
class IntelPagesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    StixStore store;
    @Autowired
    IntelCollections collections;
    @Autowired
    Organisations organisations;
    @Autowired
    FederationPeers peers;
    @Autowired
    AuditLog audit;
    @LocalServerPort
    int port;

    IntelWorld world;
    String tag;

    @BeforeEach
    void setUp() {
        world = new IntelWorld(organisations, collections);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private String tlpBundle() {
        return IntelWorld.fixture(IntelPagesIT.class, "/org/mburoja/intel/tlp-levels.json")
                .replace("3d5d7b0e-1c1a-4a4e-8a36-7c0f4c1a", tag + "-1c1a-4a4e-8a36-7c0f4c1a")
                .replace("\"name\": \"", "\"name\": \"" + tag + "-");
    }

    private MockMultipartFile file(String resource, String name) {
        String text = IntelWorld.fixture(IntelPagesIT.class, resource).replace("TAG", tag);
        return new MockMultipartFile("file", name, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPartnerOutsideTheSharingGroupSeesOnlyReleasedObjects() throws Exception {
        store.ingest(world.admin, world.collection.id(), IntelWorld.objectsOf(tlpBundle()), "local");
        String c = world.collection.id().toString();
        mvc.perform(get("/intel").param("collection", c).with(Principals.as(world.partnerOutsideGroup)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(tag + "-tlp-clear"), containsString(tag + "-tlp-green"),
                        not(containsString(tag + "-tlp-amber")), not(containsString(tag + "-tlp-red")))));
        mvc.perform(get("/intel/objects/indicator--" + tag + "-1c1a-4a4e-8a36-7c0f4c1a0004")
                        .with(Principals.as(world.partnerOutsideGroup)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString(tag + "-tlp-red"))));
        mvc.perform(get("/intel").param("collection", c).param("tlp", "red").with(Principals.as(world.analyst)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(tag + "-tlp-red"),
                        containsString("badge tlp tlp-red"), not(containsString(tag + "-tlp-green")))));
    }

    @Test
    void uploadsABundleWithPerObjectResultsAndShowsTheObjectWithItsRelationship() throws Exception {
        String c = world.collection.id().toString();
        mvc.perform(multipart("/intel/upload").file(file("/org/mburoja/intel/web/mixed-bundle.json", "mixed.json"))
                        .param("collection", c).param("format", "stix").with(Principals.as(world.analyst)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("3 accepted, 0 duplicates, 1 rejected"),
                        containsString("pattern"), containsString("outcome-rejected"))));
        mvc.perform(multipart("/intel/upload").file(file("/org/mburoja/intel/web/mixed-bundle.json", "mixed.json"))
                        .param("collection", c).param("format", "stix").with(Principals.as(world.analyst)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("0 accepted, 3 duplicates, 1 rejected")));
        mvc.perform(get("/intel/objects/indicator--" + tag + "-1c1a-4a4e-8a36-7c0f4c1a0001")
                        .with(Principals.as(world.partnerInGroup)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(tag + " phishing domain"),
                        containsString("TLP:GREEN"), containsString("malware--" + tag + "-1c1a"),
                        containsString("2026-11-21T08:00:00.000Z"))));
        mvc.perform(get("/intel").param("value", tag + ".phish.example.al").with(Principals.as(world.analyst)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(tag + " phishing domain")));
    }

    @Test
    void importsAMispEventThroughTheEngineImporter() throws Exception {
        Path event = Path.of(System.getProperty("mburoja.shared.dir", "../../shared"), "data/misp/events/shadow.json");
        mvc.perform(multipart("/intel/upload").file(new MockMultipartFile("file", "shadow.json", "application/json",
                                Files.readAllBytes(event)))
                        .param("collection", world.collection.id().toString()).param("format", "misp")
                        .with(Principals.as(world.analyst)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("outcome-accepted"), containsString("report--"),
                        not(containsString("0 accepted")))));
    }

    @Test
    void hostileUploadsGetClearErrors() throws Exception {
        String c = world.collection.id().toString();
        mvc.perform(multipart("/intel/upload").file(file("/org/mburoja/intel/web/malformed-bundle.json", "bad.json"))
                        .param("collection", c).with(Principals.as(world.analyst)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("bad.json is not valid JSON"),
                        containsString("line 1"))));
        mvc.perform(multipart("/intel/upload").file(file("/org/mburoja/intel/web/not-a-misp-event.csv", "iocs.csv"))
                        .param("collection", c).param("format", "misp").with(Principals.as(world.analyst))
                        .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("iocs.csv is not valid JSON")));
        byte[] huge = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        mvc.perform(multipart("/intel/upload").file(new MockMultipartFile("file", "huge.json", "application/json", huge))
                        .param("collection", c).with(Principals.as(world.analyst)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("larger than the limit of 2097152 bytes")));
    }

    @Test
    void readersCannotPublishAndOnlyAdminsEditSharingRules() throws Exception {
        String c = world.collection.id().toString();
        mvc.perform(multipart("/intel/upload").file(file("/org/mburoja/intel/web/mixed-bundle.json", "mixed.json"))
                        .param("collection", c).with(Principals.as(world.operator)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/intel/collections/" + c + "/grants").param("organisation",
                        world.stranger.organisation().toString()).param("canRead", "true")
                        .with(Principals.as(world.analyst)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/intel/collections/" + c + "/grants").param("organisation",
                        world.stranger.organisation().toString()).param("canRead", "true")
                        .with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/intel/collections").with(Principals.as(world.stranger)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(world.collection.title())));
        mvc.perform(get("/intel/collections").with(Principals.as(world.partnerOutsideGroup)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("Organisation id"))));
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder peerForm(String name,
                                                                                                String apiRoot,
                                                                                                String secret) {
        return peerForm(name, apiRoot, secret, "PT15M");
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder peerForm(String name,
                                                                                                String apiRoot,
                                                                                                String secret,
                                                                                                String interval) {
        return post("/intel/peers").param("name", name).param("apiRoot", apiRoot).param("authKind", "BEARER")
                .param("secret", secret).param("allowedTlp", "clear", "green").param("interval", interval)
                .param("remoteCollection", "remote-" + tag).param("localCollection", world.collection.id().toString())
                .param("enabled", "true");
    }

    /** The peer's own card on the page (the shared test database holds other tests' peers too). */
    private static String section(String html, FederationPeer peer) {
        int start = html.indexOf("id=\"p-" + peer.id() + "\"");
        assertThat(start).as("card of peer " + peer.name()).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void adminAddsAPeerKeepingWhatWasTypedOnErrorsThenSyncsAndDisablesIt() throws Exception {
        String name = "peer-" + tag;
        String root = "http://127.0.0.1:" + port + "/taxii2/intel/";
        mvc.perform(peerForm(name, "ftp://peer.example/taxii2/", "mbj_secret_" + tag)
                        .with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"apiRoot-error\""),
                        containsString("absolute http(s) URL"), containsString("value=\"" + name + "\""),
                        containsString("value=\"ftp://peer.example/taxii2/\""),
                        containsString("value=\"remote-" + tag + "\""), containsString("value=\"PT15M\""),
                        not(containsString("mbj_secret_" + tag)))));
        mvc.perform(peerForm(name, root, "").with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"secret-error\""),
                        containsString("API token is required"), containsString("value=\"" + root + "\""))));
        mvc.perform(peerForm(name, root, "mbj_secret_" + tag, "every hour")
                        .with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"interval-error\""),
                        containsString("value=\"every hour\""))));
        assertThat(peers.list(world.admin)).noneMatch(p -> p.name().equals(name));

        mvc.perform(peerForm(name, root, "mbj_secret_" + tag).with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        FederationPeer peer = peers.list(world.admin).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
        assertThat(audit.search(new AuditFilter(world.admin.username(), "intel.peer.create", "intel-peer",
                peer.id().toString(), null, null), 0, 5)).hasSize(1);
        mvc.perform(peerForm(name, root, "mbj_secret_" + tag).with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"name-error\""),
                        containsString("already exists"))));
        String before = mvc.perform(get("/intel/peers").with(Principals.as(world.admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(before).doesNotContain("mbj_secret_" + tag);
        assertThat(section(before, peer)).contains(root, "remote-" + tag, world.collection.title(),
                "every 15 minutes", "never synced", "TLP:CLEAR", "TLP:GREEN");

        mvc.perform(post("/intel/peers/" + peer.id() + "/sync").with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String after = mvc.perform(get("/intel/peers").with(Principals.as(world.admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(section(after, peer)).contains("run-failed", "HTTP 401", "0 received, 0 added")
                .doesNotContain("never synced");
        assertThat(peers.runs(world.admin, peer.id(), 5)).hasSize(1);

        mvc.perform(post("/intel/peers/" + peer.id() + "/enabled").param("enabled", "false")
                        .with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(peers.find(world.admin, peer.id()).orElseThrow().enabled()).isFalse();
        assertThat(audit.search(new AuditFilter(world.admin.username(), "intel.peer.update", "intel-peer",
                peer.id().toString(), null, null), 0, 5)).hasSize(1);
        mvc.perform(get("/intel/peers").header("Accept-Language", "sq").with(Principals.as(world.admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Nyjet partnere"), containsString("joaktive"),
                        containsString("Sinkronizo tani"))));
    }

    @Test
    void onlyAdminsOfTheAuthoritySeeOrChangePeersAndEveryRefusalIsAudited() throws Exception {
        String name = "peer-x-" + tag;
        String root = "http://127.0.0.1:" + port + "/taxii2/intel/";
        mvc.perform(get("/intel/peers").with(Principals.as(world.analyst))).andExpect(status().isForbidden());
        mvc.perform(peerForm(name, root, "mbj_secret_" + tag).with(Principals.as(world.analyst)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(peerForm(name, root, "mbj_secret_" + tag).with(Principals.as(world.partnerInGroup)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(audit.search(new AuditFilter(world.analyst.username(), "access.denied", "intel-peer", null, null,
                null), 0, 10)).hasSize(2);
        mvc.perform(peerForm(name, root, "mbj_secret_" + tag).with(Principals.as(world.admin)))
                .andExpect(status().isForbidden());
        assertThat(peers.list(world.admin)).noneMatch(p -> p.name().equals(name));
        mvc.perform(post("/intel/peers/" + UUID.randomUUID() + "/sync").with(Principals.as(world.admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/intel/peers/not-a-uuid/enabled").param("enabled", "true").with(Principals.as(world.admin))
                        .with(csrf()))
                .andExpect(status().isBadRequest());
    }
}
