package org.mburoja.stix.taxii;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TAXII 2.1 client (OASIS TAXII 2.1, OS 2021-06-10) on {@link java.net.http}: discovery, collections, pulling
 * objects incrementally ({@code added_after}, pages via {@code limit}/{@code next}/{@code more}) and pushing
 * envelopes.
 *
 * <p>Retries: connection failures, 429 and 5xx are retried up to {@code maxAttempts} times with exponential backoff
 * (honouring {@code Retry-After} seconds, capped at one minute); other 4xx fail at once with the server's error
 * title. Responses are read with a size cap ({@code maxResponseBytes}) so a hostile server cannot exhaust memory.
 */
public final class TaxiiClient {

    public static final String MEDIA_TYPE = "application/taxii+json;version=2.1";

    private final HttpClient http;
    private final TaxiiCredentials credentials;
    private final int maxAttempts;
    private final Duration backoff;
    private final long maxResponseBytes;
    private final Clock clock;

    public TaxiiClient(HttpClient http, TaxiiCredentials credentials, int maxAttempts, Duration backoff,
                       long maxResponseBytes, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoff = backoff;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
    }

    /** A client with 5 attempts, 1 s initial backoff, 64 MB responses, 30 s timeouts. */
    public static TaxiiClient of(TaxiiCredentials credentials) {
        return new TaxiiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build(), credentials, 5, Duration.ofSeconds(1),
                64L * 1024 * 1024, Clock.systemUTC());
    }

    /** {@code GET /taxii2/}: the discovery resource. */
    public JsonNode discovery(URI server) {
        return get(server, new int[1]).body();
    }

    /** {@code GET {api-root}/collections/}: the collections, each with id, title, can_read, can_write. */
    public List<JsonNode> collections(URI apiRoot) {
        List<JsonNode> out = new ArrayList<>();
        get(resolve(apiRoot, "collections/"), new int[1]).body().path("collections").forEach(out::add);
        return out;
    }

    /**
     * Pulls every object added to a collection after {@code addedAfter}, page by page, handing each to
     * {@code sink}; returns the run record with the {@code added_after} for the next pull.
     */
    public PullRun pull(URI apiRoot, String collectionId, Optional<String> addedAfter, int limit,
                        Consumer<StixObject> sink) {
        Instant started = clock.instant();
        int[] attempts = {0};
        int pages = 0;
        long objects = 0;
        Optional<String> next = Optional.empty();
        Optional<String> lastAdded = addedAfter;
        do {
            StringBuilder q = new StringBuilder("collections/").append(encode(collectionId)).append("/objects/?limit=")
                    .append(limit);
            addedAfter.ifPresent(a -> q.append("&added_after=").append(encode(a)));
            next.ifPresent(n -> q.append("&next=").append(encode(n)));
            Response r = get(resolve(apiRoot, q.toString()), attempts);
            pages++;
            for (JsonNode o : r.body().path("objects")) {
                if (o.isObject()) {
                    sink.accept(StixObject.of(o));
                    objects++;
                }
            }
            if (r.addedLast() != null) {
                lastAdded = Optional.of(r.addedLast());
            }
            boolean more = r.body().path("more").asBoolean(false);
            String token = r.body().path("next").asString("");
            if (more && token.isEmpty()) {
                throw new TaxiiException(200, "server says more but gives no next token");
            }
            next = more ? Optional.of(token) : Optional.empty();
        } while (next.isPresent() && pages < 100_000);
        return new PullRun(collectionId, started, clock.instant(), addedAfter, lastAdded, pages, objects,
                attempts[0]);
    }

    /** {@code POST {api-root}/collections/{id}/objects/}: pushes objects; returns the status resource. */
    public JsonNode push(URI apiRoot, String collectionId, StixBundle bundle) {
        ObjectNode envelope = StixJson.mapper().createObjectNode();
        ArrayNode objs = envelope.putArray("objects");
        bundle.objects().forEach(o -> objs.add(o.toTree()));
        HttpRequest.Builder b = request(resolve(apiRoot, "collections/" + encode(collectionId) + "/objects/"))
                .header("Content-Type", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(StixJson.write(envelope)));
        return send(b.build(), new int[1]).body();
    }

    private record Response(JsonNode body, String addedLast) {
    }

    private Response get(URI uri, int[] attempts) {
        return send(request(uri).GET().build(), attempts);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept",
                MEDIA_TYPE);
        String auth = credentials.header();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    private Response send(HttpRequest req, int[] attempts) {
        Duration wait = backoff;
        String lastProblem = "";
        int lastStatus = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            attempts[0]++;
            Duration pause = wait;
            try {
                HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                byte[] body;
                try (InputStream in = resp.body()) {
                    body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
                }
                if (body.length > maxResponseBytes) {
                    throw new TaxiiException(status, "response larger than " + maxResponseBytes + " bytes");
                }
                if (status >= 200 && status < 300) {
                    String type = resp.headers().firstValue("Content-Type").orElse("");
                    if (!type.replace(" ", "").toLowerCase(java.util.Locale.ROOT).startsWith("application/taxii+json")) {
                        throw new TaxiiException(status, "unexpected content type '" + type + "'");
                    }
                    return new Response(StixJson.read(new String(body, StandardCharsets.UTF_8)),
                            resp.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null));
                }
                lastStatus = status;
                lastProblem = errorTitle(body);
                if (status != 429 && status < 500) {
                    throw new TaxiiException(status, "HTTP " + status + " from " + req.uri() + ": " + lastProblem);
                }
                pause = resp.headers().firstValue("Retry-After").flatMap(TaxiiClient::seconds).orElse(wait);
            } catch (IOException e) {
                lastStatus = 0;
                lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (StixParseException e) {
                throw new TaxiiException(200, "response from " + req.uri() + " is not JSON: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaxiiException(0, "interrupted");
            }
            if (attempt < maxAttempts) {
                try {
                    sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TaxiiException(0, "interrupted");
                }
            }
            wait = wait.multipliedBy(2);
        }
        throw new TaxiiException(lastStatus, "giving up after " + maxAttempts + " attempts on " + req.uri() + ": "
                + (lastStatus == 0 ? "" : "HTTP " + lastStatus + " ") + lastProblem);
    }

    private static String errorTitle(byte[] body) {
        try {
            JsonNode e = StixJson.read(new String(body, StandardCharsets.UTF_8));
            return e.path("title").asString("") + (e.has("description") ? " (" + e.get("description").asString("")
                    + ")" : "");
        } catch (StixParseException e) {
            return "";
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            long s = Long.parseLong(header.trim());
            return Optional.of(Duration.ofSeconds(Math.min(60, Math.max(0, s))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.min(60_000, d.toMillis()));
    }

    private static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
