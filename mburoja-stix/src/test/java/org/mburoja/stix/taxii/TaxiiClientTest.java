package org.mburoja.stix.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The client against a small TAXII 2.1 server running in the test (com.sun.net.httpserver on loopback). */
class TaxiiClientTest {

    private HttpServer server;
    private URI apiRoot;
    private List<StixObject> stored;
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger objectRequests = new AtomicInteger();
    private final AtomicReference<String> pushed = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("collection-objects.json")) {
            stored = StixBundle.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).objects();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        apiRoot = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api1/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TaxiiClient client(TaxiiCredentials c) {
        return new TaxiiClient(HttpClient.newHttpClient(), c, 3, Duration.ofMillis(10), 1_000_000,
                Clock.systemUTC());
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (!"Bearer secret-token".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "{\"title\": \"Unauthorized\", \"description\": \"bad token\"}", true);
            return;
        }
        if (!ex.getRequestHeaders().getFirst("Accept").equals(TaxiiClient.MEDIA_TYPE)) {
            reply(ex, 406, "{\"title\": \"Not Acceptable\"}", true);
            return;
        }
        switch (path) {
            case "/taxii2/" -> reply(ex, 200, "{\"title\": \"Test\", \"api_roots\": [\"" + apiRoot + "\"]}", true);
            case "/api1/collections/" -> reply(ex, 200,
                    "{\"collections\": [{\"id\": \"c1\", \"title\": \"National\", \"can_read\": true,"
                            + " \"can_write\": true}]}", true);
            case "/api1/collections/c1/objects/" -> {
                if (ex.getRequestMethod().equals("POST")) {
                    pushed.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    reply(ex, 202, "{\"id\": \"status-1\", \"status\": \"complete\", \"success_count\": 1,"
                            + " \"failure_count\": 0, \"pending_count\": 0}", true);
                    return;
                }
                objectRequests.incrementAndGet();
                if (failuresToServe.getAndDecrement() > 0) {
                    ex.getResponseHeaders().add("Retry-After", "0");
                    reply(ex, 503, "{\"title\": \"Busy\"}", true);
                    return;
                }
                objects(ex, q);
            }
            case "/api1/collections/huge/objects/" -> reply(ex, 200, "{\"objects\": [\"" + "x".repeat(2_000_000)
                    + "\"]}", true);
            case "/api1/collections/html/objects/" -> reply(ex, 200, "<html>login</html>", false);
            default -> reply(ex, 404, "{\"title\": \"Not Found\"}", true);
        }
    }

    /** Pages over the stored objects; date_added of object i is its created time. */
    private void objects(HttpExchange ex, Map<String, String> q) throws IOException {
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        int from = Integer.parseInt(q.getOrDefault("next", "0"));
        String after = q.get("added_after");
        List<StixObject> visible = new ArrayList<>();
        for (StixObject o : stored) {
            if (after == null || o.string("created").orElse("").compareTo(after) > 0) {
                visible.add(o);
            }
        }
        List<StixObject> page = visible.subList(Math.min(from, visible.size()),
                Math.min(from + limit, visible.size()));
        ObjectNode env = StixJson.mapper().createObjectNode();
        boolean more = from + limit < visible.size();
        env.put("more", more);
        if (more) {
            env.put("next", String.valueOf(from + limit));
        }
        ArrayNode arr = env.putArray("objects");
        page.forEach(o -> arr.add(o.toTree()));
        if (!page.isEmpty()) {
            ex.getResponseHeaders().add("X-TAXII-Date-Added-First", page.getFirst().string("created").get());
            ex.getResponseHeaders().add("X-TAXII-Date-Added-Last", page.getLast().string("created").get());
        }
        reply(ex, 200, StixJson.write(env), true);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                String[] p = kv.split("=", 2);
                m.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return m;
    }

    private static void reply(HttpExchange ex, int status, String body, boolean taxii) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", taxii ? TaxiiClient.MEDIA_TYPE : "text/html");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private final TaxiiCredentials token = new TaxiiCredentials.Bearer("secret-token");

    @Test
    void readsDiscoveryAndCollections() {
        URI root = URI.create(apiRoot.resolve("/taxii2/").toString());
        assertThat(client(token).discovery(root).path("api_roots").get(0).asString()).isEqualTo(apiRoot.toString());
        assertThat(client(token).collections(apiRoot)).singleElement()
                .satisfies(c -> assertThat(c.path("id").asString()).isEqualTo("c1"));
    }

    @Test
    void pullsAllPagesAndRemembersWhereToContinue() {
        List<StixObject> got = new ArrayList<>();
        PullRun run = client(token).pull(apiRoot, "c1", Optional.empty(), 2, got::add);
        assertThat(got).containsExactlyElementsOf(stored);
        assertThat(run.pages()).isEqualTo(3);
        assertThat(run.nextAddedAfter()).contains("2026-11-05T00:00:00.000Z");

        List<StixObject> incremental = new ArrayList<>();
        PullRun again = client(token).pull(apiRoot, "c1", Optional.of("2026-11-03T00:00:00.000Z"), 2,
                incremental::add);
        assertThat(incremental).extracting(StixObject::id).containsExactly(stored.get(3).id(), stored.get(4).id());
        assertThat(again.pages()).isEqualTo(1);
    }

    @Test
    void retriesServerErrorsAndCountsAttempts() {
        failuresToServe.set(2);
        PullRun run = client(token).pull(apiRoot, "c1", Optional.empty(), 10, o -> { });
        assertThat(run.objects()).isEqualTo(5);
        assertThat(run.attempts()).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxAttempts() {
        failuresToServe.set(10);
        assertThatThrownBy(() -> client(token).pull(apiRoot, "c1", Optional.empty(), 10, o -> { }))
                .isInstanceOf(TaxiiException.class).hasMessageContaining("giving up after 3 attempts")
                .satisfies(e -> assertThat(((TaxiiException) e).status()).isEqualTo(503));
        assertThat(objectRequests.get()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAuthenticationFailureAndKeepsTheSecretOutOfMessages() {
        TaxiiCredentials wrong = new TaxiiCredentials.Basic("al-cert", "wrong-secret");
        assertThatThrownBy(() -> client(wrong).collections(apiRoot))
                .isInstanceOf(TaxiiException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("Unauthorized (bad token)").hasMessageNotContaining("wrong-secret");
        assertThat(wrong.toString()).doesNotContain("wrong-secret");
    }

    @Test
    void pushesAnEnvelopeAndReturnsTheStatus() {
        JsonNode status = client(token).push(apiRoot, "c1", StixBundle.of(stored.subList(0, 1)));
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(StixJson.read(pushed.get()).path("objects").get(0).path("id").asString())
                .isEqualTo(stored.getFirst().id());
    }

    @Test
    void refusesOversizedAndNonTaxiiResponses() {
        assertThatThrownBy(() -> client(token).pull(apiRoot, "huge", Optional.empty(), 10, o -> { }))
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> client(token).pull(apiRoot, "html", Optional.empty(), 10, o -> { }))
                .hasMessageContaining("unexpected content type");
    }
}
