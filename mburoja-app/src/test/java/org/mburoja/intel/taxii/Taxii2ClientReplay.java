package org.mburoja.intel.taxii;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mburoja.intel.internal.StixJson;
import tools.jackson.databind.JsonNode;

/**
 * What the OASIS {@code taxii2-client} (Python, {@code taxii2client.v21}, 2.3) sends and checks, replayed over real
 * HTTP, because that client cannot be installed on these machines (no PyPI). Each rule below is the client's own:
 * <ul>
 *   <li>every endpoint URL gets a trailing slash; API roots are {@code urljoin(discovery url, api_roots[i])};
 *       collections are {@code <root>collections/<id>/}; the status of an add is
 *       {@code urljoin(<collection url>, "../../status/<id>")} plus the slash;</li>
 *   <li>{@code Accept: application/taxii+json;version=2.1} on every GET, and the answer's {@code Content-Type},
 *       split at {@code ;} with spaces removed, must contain every token of that Accept and begin with
 *       {@code application/taxii+json}, or the client raises {@code TAXIIServiceException};</li>
 *   <li>required properties are checked as the client's {@code _validate_*} methods do (discovery {@code title};
 *       API root {@code title}, {@code versions}, {@code max_content_length}; collection {@code id}, {@code title},
 *       {@code can_read}, {@code can_write}, and the id must occur in its URL; status counts that add up);</li>
 *   <li>{@code as_pages} asks {@code limit=n}, then {@code next=<envelope next>} while {@code more} is true;</li>
 *   <li>credentials are HTTP Basic (user, password) or its {@code TokenAuth} ({@code Authorization: Token <key>}).</li>
 * </ul>
 * A violation throws {@link IllegalStateException} naming the URL and the rule, as the client would fail.
 */
final class Taxii2ClientReplay {

    static final String MEDIA = "application/taxii+json;version=2.1";
    static final String USER_AGENT = "taxii2-client/2.3.0";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization;
    final List<String> requested = new ArrayList<>();

    private Taxii2ClientReplay(String authorization) {
        this.authorization = authorization;
    }

    static Taxii2ClientReplay basic(String user, String password) {
        return new Taxii2ClientReplay("Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static Taxii2ClientReplay tokenAuth(String key) {
        return new Taxii2ClientReplay("Token " + key);
    }

    static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** {@code Server(url).api_roots}: the discovery resource, validated, with its roots joined to its URL. */
    List<String> apiRoots(String discoveryUrl) {
        String url = slash(discoveryUrl);
        JsonNode d = get(url, Map.of());
        require(d.hasNonNull("title") && !d.get("title").asString("").isEmpty(), url, "No 'title' in Server Discovery");
        List<String> roots = new ArrayList<>();
        d.path("api_roots").forEach(r -> roots.add(slash(URI.create(url).resolve(r.asString()).toString())));
        return roots;
    }

    /** {@code ApiRoot.refresh_information()}. */
    JsonNode apiRoot(String rootUrl) {
        JsonNode r = get(rootUrl, Map.of());
        require(!r.path("title").asString("").isEmpty(), rootUrl, "No 'title' in API Root");
        require(r.path("versions").isArray() && !r.path("versions").isEmpty(), rootUrl, "No 'versions' in API Root");
        require(r.hasNonNull("max_content_length"), rootUrl, "No 'max_content_length' in API Root");
        return r;
    }

    /** {@code ApiRoot.collections}: id to collection URL, each collection validated as the client does. */
    Map<String, String> collections(String rootUrl) {
        String url = rootUrl + "collections/";
        JsonNode c = get(url, Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        c.path("collections").forEach(item -> {
            String collectionUrl = url + item.path("id").asString() + "/";
            validateCollection(item, collectionUrl);
            out.put(item.path("id").asString(), collectionUrl);
        });
        return out;
    }

    /** {@code Collection.refresh()}. */
    JsonNode collection(String collectionUrl) {
        JsonNode c = get(collectionUrl, Map.of());
        validateCollection(c, collectionUrl);
        return c;
    }

    private static void validateCollection(JsonNode c, String url) {
        require(!c.path("id").asString("").isEmpty(), url, "No 'id' in Collection");
        require(!c.path("title").asString("").isEmpty(), url, "No 'title' in Collection");
        require(c.get("can_read") != null && !c.get("can_read").isNull(), url, "No 'can_read' in Collection");
        require(c.get("can_write") != null && !c.get("can_write").isNull(), url, "No 'can_write' in Collection");
        require(url.contains(c.path("id").asString()), url, "The collection id does not match the url for queries");
    }

    /** {@code Collection.add_objects(envelope, wait_for_completion=False)}: the status, validated, and its URL. */
    Map.Entry<String, JsonNode> addObjects(String collectionUrl, String envelope) {
        String url = collectionUrl + "objects/";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("Accept", MEDIA)
                .header("Content-Type", MEDIA).POST(HttpRequest.BodyPublishers.ofString(envelope)), url);
        JsonNode status = parse(r, url);
        String statusUrl = slash(URI.create(collectionUrl).resolve("../../status/" + status.path("id").asString())
                .toString());
        validateStatus(status, statusUrl);
        return Map.entry(statusUrl, status);
    }

    /** {@code Status.refresh()}. */
    JsonNode status(String statusUrl) {
        JsonNode s = get(statusUrl, Map.of());
        validateStatus(s, statusUrl);
        return s;
    }

    private static void validateStatus(JsonNode s, String url) {
        for (String p : List.of("id", "status", "total_count", "success_count", "failure_count", "pending_count")) {
            require(s.hasNonNull(p), url, "No '" + p + "' in Status");
        }
        long ok = s.get("success_count").asLong();
        long failed = s.get("failure_count").asLong();
        long pending = s.get("pending_count").asLong();
        require(ok + failed + pending == s.get("total_count").asLong(), url, "counts do not add up to total_count");
        require(!s.has("successes") || s.get("successes").size() == ok, url, "successes != success_count");
        require(!s.has("failures") || s.get("failures").size() == failed, url, "failures != failure_count");
        require(!s.has("pendings") || s.get("pendings").size() == pending, url, "pendings != pending_count");
    }

    /** {@code as_pages(collection.get_objects, per_request=n, **filters)}: every envelope, in order. */
    List<JsonNode> objectPages(String collectionUrl, int perRequest, Map<String, String> filters) {
        List<JsonNode> pages = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("limit", Integer.toString(perRequest));
        JsonNode envelope = get(collectionUrl + "objects/", params);
        pages.add(envelope);
        while (envelope.path("more").asBoolean(false)) {
            int got = envelope.path("objects").size();
            if (got != perRequest) {
                params.put("limit", Integer.toString(got)); // the client lowers its limit to what the server gave
            }
            params.put("next", envelope.path("next").asString(""));
            envelope = get(collectionUrl + "objects/", params);
            pages.add(envelope);
            if (pages.size() > 10_000) {
                throw new IllegalStateException("endless paging at " + collectionUrl);
            }
        }
        return pages;
    }

    JsonNode getObject(String collectionUrl, String id) {
        return get(collectionUrl + "objects/" + id + "/", Map.of());
    }

    JsonNode versions(String collectionUrl, String id) {
        return get(collectionUrl + "objects/" + id + "/versions/", Map.of());
    }

    JsonNode manifest(String collectionUrl, Map<String, String> filters) {
        return get(collectionUrl + "manifest/", filters);
    }

    /** {@code Collection.delete_object(id)}: {@code raise_for_status} only. */
    int deleteObject(String collectionUrl, String id) {
        String url = collectionUrl + "objects/" + id + "/";
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", MEDIA).DELETE(), url).statusCode();
    }

    private JsonNode get(String url, Map<String, String> params) {
        String full = params.isEmpty() ? url : url + "?" + params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(full)).header("Accept", MEDIA).GET(), full);
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        require(validContentType(contentType, MEDIA), full, "Unexpected Response. Got Content-Type: '" + contentType
                + "' for Accept: '" + MEDIA + "'");
        return parse(r, full);
    }

    /** The client's {@code valid_content_type} for version 2.1, to the letter. */
    static boolean validContentType(String contentType, String accept) {
        List<String> acceptTokens = Arrays.asList(accept.replace(" ", "").split(";"));
        List<String> typeTokens = Arrays.asList(contentType.replace(" ", "").split(";"));
        return typeTokens.containsAll(acceptTokens) && typeTokens.get(0).equals("application/taxii+json");
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String url) {
        requested.add(url);
        try {
            HttpResponse<String> r = http.send(b.header("Authorization", authorization)
                    .header("User-Agent", USER_AGENT).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) { // requests' raise_for_status
                throw new IllegalStateException(r.statusCode() + " for " + url + ": " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(HttpResponse<String> r, String url) {
        try {
            return StixJson.MAPPER.readTree(r.body());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Invalid JSON was received from " + url, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void require(boolean ok, String url, String rule) {
        if (!ok) {
            throw new IllegalStateException(rule + " for request '" + url + "'");
        }
    }
}
