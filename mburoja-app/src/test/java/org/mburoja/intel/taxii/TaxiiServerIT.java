package org.mburoja.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.intel.IntelWorld.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.IntelWorld;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class TaxiiServerIT {

    private static final String SHKABA = "indicator--a740531e-63ff-4e49-a9e1-a0a3eed0e3e7";

    @Autowired
    MockMvc mvc;
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

    private String coll() {
        return "/taxii2/intel/collections/" + world.collection.id();
    }

    private ResultActions taxii(MockHttpServletRequestBuilder req) throws Exception {
        return mvc.perform(req.with(as(world.analyst)).header("Accept", TaxiiMedia.TAXII));
    }

    private JsonNode json(ResultActions r) throws Exception {
        return StixJson.MAPPER.readTree(r.andReturn().getResponse().getContentAsByteArray());
    }

    private JsonNode publishVersionsFixture() throws Exception {
        String bundle = IntelWorld.fixture(TaxiiServerIT.class, "/org/mburoja/intel/indicator-versions.json");
        return json(taxii(post(coll() + "/objects/").with(csrf()).contentType(TaxiiMedia.TAXII).content(bundle))
                .andExpect(status().isAccepted()).andExpect(content().contentType(TaxiiMedia.TAXII)));
    }

    @Test
    void discoveryNamesAnAbsoluteApiRootThatAnswers() throws Exception {
        JsonNode d = json(taxii(get("/taxii2/")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", TaxiiMedia.TAXII)));
        String root = d.get("api_roots").get(0).stringValue();
        assertThat(URI.create(root).isAbsolute()).isTrue();
        assertThat(d.get("default").stringValue()).isEqualTo(root);
        taxii(get(URI.create(root).getPath())).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", TaxiiMedia.TAXII))
                .andExpect(jsonPath("$.versions[0]").value(TaxiiMedia.TAXII))
                .andExpect(jsonPath("$.max_content_length").value(10485760));
    }

    @Test
    void aFreshServerOffersNationalAndPartnerCollectionsAndAnAdminMayWriteBoth() throws Exception {
        JsonNode c = json(mvc.perform(get("/taxii2/intel/collections/").with(as(world.admin))).andExpect(status().isOk()));
        List<String> writable = new ArrayList<>();
        c.get("collections").forEach(x -> {
            if (x.get("can_write").booleanValue()) {
                writable.add(x.path("alias").asString(""));
            }
        });
        assertThat(writable).contains("national", "partner-sharing");
        assertThat(c.get("collections").get(0).get("media_types").get(0).stringValue())
                .isEqualTo("application/stix+json;version=2.1");
    }

    @ParameterizedTest
    @CsvSource({"application/json", "application/stix+json;version=2.1", "application/taxii+json;version=2.0",
            "text/html"})
    void refusesAcceptHeadersWithoutTheTaxiiMediaType(String accept) throws Exception {
        mvc.perform(get("/taxii2/").with(as(world.analyst)).header("Accept", accept))
                .andExpect(status().isNotAcceptable()).andExpect(header().string("Content-Type", TaxiiMedia.TAXII))
                .andExpect(jsonPath("$.http_status").value("406"));
    }

    @ParameterizedTest
    @CsvSource({"application/taxii+json", "application/taxii+json; version=2.1", "*/*",
            "'text/html, application/taxii+json;version=2.1;q=0.5'"})
    void acceptsTaxiiAndWildcardAcceptHeaders(String accept) throws Exception {
        mvc.perform(get("/taxii2/").with(as(world.analyst)).header("Accept", accept)).andExpect(status().isOk());
    }

    @Test
    void refusesEnvelopesLabelledWithAnotherMediaType() throws Exception {
        taxii(post(coll() + "/objects/").with(csrf()).contentType("application/json").content("{\"objects\":[]}"))
                .andExpect(status().isUnsupportedMediaType()).andExpect(jsonPath("$.http_status").value("415"));
    }

    @Test
    void refusesBodiesLargerThanMaxContentLength() throws Exception {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        taxii(post(coll() + "/objects/").with(csrf()).contentType(TaxiiMedia.TAXII).content(big))
                .andExpect(status().isContentTooLarge()).andExpect(header().string("Content-Type", TaxiiMedia.TAXII));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"objects\": [", "[]", "{\"more\": false}", "{\"objects\": {}}",
            "{\"objects\": [], \"objects\": []}", "null"})
    void refusesMalformedEnvelopesWith422(String body) throws Exception {
        taxii(post(coll() + "/objects/").with(csrf()).contentType(TaxiiMedia.TAXII).content(body))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.title").exists());
    }

    @Test
    void postReturnsACompleteStatusThatCanBeFetchedAgain() throws Exception {
        JsonNode s = publishVersionsFixture();
        assertThat(s.get("status").stringValue()).isEqualTo("complete");
        assertThat(s.get("total_count").intValue()).isEqualTo(6);
        assertThat(s.get("success_count").intValue()).isEqualTo(5);
        assertThat(s.get("failure_count").intValue()).isEqualTo(1);
        assertThat(s.get("failures").get(0).get("message").stringValue()).contains("created");
        JsonNode again = json(taxii(get("/taxii2/intel/status/" + s.get("id").stringValue() + "/"))
                .andExpect(status().isOk()));
        assertThat(again).isEqualTo(s);
        mvc.perform(get("/taxii2/intel/status/" + s.get("id").stringValue() + "/").with(as(world.partnerOutsideGroup)))
                .andExpect(status().isNotFound());
    }

    @Test
    void pagesWithLimitNextAndMoreAndReportsDateAddedHeaders() throws Exception {
        publishVersionsFixture();
        List<String> ids = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            MockHttpServletRequestBuilder req = get(coll() + "/objects/").param("limit", "2");
            if (next != null) {
                req.param("next", next);
            }
            MockHttpServletResponse r = taxii(req).andExpect(status().isOk()).andReturn().getResponse();
            JsonNode page = StixJson.MAPPER.readTree(r.getContentAsByteArray());
            page.path("objects").forEach(o -> ids.add(o.get("id").stringValue()));
            if (page.path("objects").size() > 0) {
                assertThat(r.getHeader("X-TAXII-Date-Added-First")).matches("\\d{4}-.*\\.\\d{6}Z");
                assertThat(r.getHeader("X-TAXII-Date-Added-Last")).isNotNull();
            }
            next = page.get("more").booleanValue() ? page.get("next").stringValue() : null;
            pages++;
        } while (next != null && pages < 10);
        assertThat(ids).containsExactlyInAnyOrder(SHKABA, "malware--c1a6f0d4-2f6e-4a35-9b6e-51f0e2b0a9d2",
                "ipv4-addr--5853f6a4-638f-5b4e-9b0f-ded361ae3812");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void addedAfterReturnsOnlyLaterObjects() throws Exception {
        publishVersionsFixture();
        MockHttpServletResponse first = taxii(get(coll() + "/objects/").param("limit", "1")).andReturn().getResponse();
        String last = first.getHeader("X-TAXII-Date-Added-Last");
        JsonNode rest = json(taxii(get(coll() + "/objects/").param("added_after", last)));
        assertThat(rest.get("objects").size()).isEqualTo(2);
        assertThat(rest.get("more").booleanValue()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1} gives {2} objects")
    @CsvSource(delimiter = '|', value = {
        "match[type]         | malware                                   | 1",
        "match[type]         | indicator,ipv4-addr                       | 2",
        "match[id]           | " + SHKABA + "                            | 1",
        "match[version]      | all                                       | 5",
        "match[version]      | first                                     | 3",
        "match[version]      | first,last                                | 4",
        "match[version]      | 2026-10-03T08:00:00.000Z                  | 1",
        "match[spec_version] | 2.1                                       | 3",
        "match[spec_version] | 2.0                                       | 0",
        "limit               | 99999999999                               | 3",
        "limit               | 002                                       | 2",
    })
    void filtersObjects(String name, String value, int expected) throws Exception {
        publishVersionsFixture();
        JsonNode r = json(taxii(get(coll() + "/objects/").param(name, value.trim())).andExpect(status().isOk()));
        assertThat(r.path("objects").size()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"limit|0", "limit|ten", "limit|+2", "limit|\u0662", "limit|\uFF12",
            "limit|1234567890123456789", "added_after|yesterday",
            "added_after|2026-02-30T00:00:00Z", "next|bm9wZQ", "match[version]|newest", "match[type]|Bad Type",
            "match[spec_version]|two"})
    void refusesMalformedParametersWith400(String name, String value) throws Exception {
        taxii(get(coll() + "/objects/").param(name, value)).andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", TaxiiMedia.TAXII))
                .andExpect(jsonPath("$.description").value(org.hamcrest.Matchers.containsString(name)));
    }

    @Test
    void manifestVersionsAndObjectEndpointsDescribeOneObject() throws Exception {
        publishVersionsFixture();
        JsonNode manifest = json(taxii(get(coll() + "/manifest/").param("match[id]", SHKABA)));
        // the version is written as the object's modified is (seen with the OASIS taxii2-client, docs/taxii-clients.md)
        assertThat(manifest.get("objects").get(0).get("version").stringValue()).isEqualTo("2026-10-05T08:00:00.000Z");
        assertThat(manifest.get("objects").get(0).get("media_type").stringValue())
                .isEqualTo("application/stix+json;version=2.1");
        assertThat(manifest.get("objects").get(0).has("date_added")).isTrue();
        JsonNode versions = json(taxii(get(coll() + "/objects/" + SHKABA + "/versions/")));
        assertThat(versions.get("versions")).hasSize(3);
        assertThat(versions.get("versions").toString()).contains("\"2026-10-05T08:00:00.000Z\"").doesNotContain("000000Z");
        JsonNode object = json(taxii(get(coll() + "/objects/" + SHKABA + "/")).andExpect(status().isOk()));
        assertThat(object.get("objects").get(0).get("modified").stringValue()).isEqualTo("2026-10-05T08:00:00.000Z");
        taxii(get(coll() + "/objects/indicator--00000000-0000-4000-8000-000000000000/"))
                .andExpect(status().isNotFound());
    }

    @Test
    void deleteRemovesTheObjectAndIsAudited() throws Exception {
        publishVersionsFixture();
        taxii(delete(coll() + "/objects/" + SHKABA + "/").with(csrf()).param("match[version]", "first"))
                .andExpect(status().isOk());
        assertThat(json(taxii(get(coll() + "/objects/" + SHKABA + "/versions/"))).get("versions")).hasSize(2);
        taxii(delete(coll() + "/objects/" + SHKABA + "/").with(csrf()).param("match[version]", "all"))
                .andExpect(status().isOk());
        taxii(get(coll() + "/objects/" + SHKABA + "/")).andExpect(status().isNotFound());
        assertThat(audit.count(new AuditFilter(world.analyst.username(), "intel.object.delete", null, SHKABA, null,
                null))).isEqualTo(2);
    }

    @Test
    void readersWithoutWriteAccessCannotPostOrDelete() throws Exception {
        publishVersionsFixture();
        mvc.perform(post(coll() + "/objects/").with(csrf()).with(as(world.operator)).contentType(TaxiiMedia.TAXII)
                .content("{\"objects\":[]}")).andExpect(status().isForbidden());
        mvc.perform(delete(coll() + "/objects/" + SHKABA + "/").with(csrf()).with(as(world.partnerInGroup)))
                .andExpect(status().isForbidden());
    }

    @Test
    void unknownApiRootsAndCollectionsAreNotFound() throws Exception {
        taxii(get("/taxii2/nope/")).andExpect(status().isNotFound()).andExpect(jsonPath("$.http_status").value("404"));
        taxii(get("/taxii2/intel/collections/not-a-uuid/objects/")).andExpect(status().isNotFound());
        taxii(get("/taxii2/intel/collections/00000000-0000-4000-8000-000000000000/")).andExpect(status().isNotFound());
    }

    @Test
    void envelopeBodyIsUtf8Json() throws Exception {
        publishVersionsFixture();
        String body = taxii(get(coll() + "/objects/")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(StixJson.MAPPER.readTree(body).get("more").isBoolean()).isTrue();
    }
}
