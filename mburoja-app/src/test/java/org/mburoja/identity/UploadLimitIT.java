package org.mburoja.identity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Through the real server: a multipart upload whose {@code Content-Length} says it is larger than its endpoint takes
 * (evidence: {@code mburoja.incidents.evidence.max-bytes}, 25 MiB; the operator import: 32 MiB) is answered 413 at
 * once, before its body is sent, rather than read into memory up to the multipart limit (64 MB) first. One that
 * announces no length is read, and refused by the controller as before. (Reads answers as
 * {@link MultipartInMemoryIT} does.)
 */
@IntegrationTest
class UploadLimitIT {

    private static final String BOUNDARY = "----mburoja-limit";
    private static final long MIB = 1 << 20;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;

    @BeforeEach
    void anAnalystsToken() {
        Accounts accounts = new Accounts(ctx);
        Accounts.Account analyst = accounts.ready(Role.ANALYST, accounts.authority().id());
        token = tokens.create(analyst.actor(), "limits", Set.of(TokenScope.parse("incidents:write"),
                TokenScope.parse("operators:write")), Instant.now().plus(Duration.ofHours(1))).secret();
    }

    /** An answer read off the socket: its status line and headers, and its body. */
    record Answer(List<String> head, String body) {
    }

    /**
     * Sends the headers of a multipart upload announcing {@code announced} bytes and the first kilobyte of its body,
     * then waits two seconds for an answer: null if there is none, the server waiting for the rest of the body.
     */
    private Answer announce(String path, long announced) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: " + announced + "\r\n\r\n").getBytes(US_ASCII));
            out.write(partHead());
            out.write("name,nipt\n".repeat(100).getBytes(US_ASCII));
            out.flush();
            s.setSoTimeout(2_000); // a refusal comes in milliseconds; a body being read never ends
            InputStream in = s.getInputStream();
            try {
                List<String> head = MultipartInMemoryIT.head(in);
                s.setSoTimeout(5_000);
                return new Answer(head, MultipartInMemoryIT.body(in, head));
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
    }

    private static byte[] partHead() {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(US_ASCII);
    }

    @Test
    void evidenceAnnouncing30MbIsRefusedAtOnceWithTheLimitBeforeItsBodyIsSent() throws Exception {
        for (String path : List.of("/api/v1/incidents/cases/" + UUID.randomUUID() + "/evidence",
                "/api/v1/incidents/reports/" + UUID.randomUUID() + "/attachments")) {
            Answer a = announce(path, 30 * MIB);
            assertThat(a).as("answered before the body was sent: %s", path).isNotNull();
            assertThat(a.head().get(0)).startsWith("HTTP/1.1 413");
            assertThat(a.head()).anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("connection: close"))
                    .anySatisfy(h -> assertThat(h).matches("(?i)content-type: application/json.*"));
            JsonNode e = json.readTree(a.body());
            assertThat(e.get("error").asString()).isEqualTo("too_large");
            assertThat(e.get("path").asString()).isEqualTo(path);
            assertThat(e.get("message").asString()).isEqualTo("the upload announces 31,457,280 bytes (30 MiB) "
                    + "(Content-Length) and this endpoint takes a file of at most 26,214,400 bytes (25 MiB, "
                    + "mburoja.incidents.evidence.max-bytes); nothing of it was read: send a smaller file");
        }
        // within the limit and the parts' headers: the server reads it, and waits for the rest
        assertThat(announce("/api/v1/incidents/cases/" + UUID.randomUUID() + "/evidence", 25 * MIB + 64 * 1024))
                .as("an upload as large as the limit allows is read").isNull();
    }

    @Test
    void evidenceOfUnannouncedLengthIsReadAndRefusedByItsOwnCheck() throws Exception {
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(uri("/api/v1/incidents/cases"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Exfiltrated mailbox\","
                        + "\"severity\":\"HIGH\",\"rsitClass\":\"intrusions\",\"rsitType\":\"system-compromise\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String evidence = "/api/v1/incidents/cases/" + json.readTree(opened.body()).get("id").asString() + "/evidence";

        byte[] file = new byte[(int) (25 * MIB) + 1];
        Arrays.fill(file, (byte) 'a');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(partHead());
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(US_ASCII));
        Supplier<InputStream> chunked = () -> new java.io.ByteArrayInputStream(body.toByteArray());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(evidence))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(chunked)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = json.readTree(r.body());
        assertThat(e.get("fields").get(0).get("field").asString()).isEqualTo("file");
        assertThat(e.get("fields").get(0).get("reason").asString())
                .isEqualTo("larger than the limit of 26214400 bytes (got 26214401)");
    }

    @Test
    void anOperatorImportAnnouncingMoreThanItReadsIsRefusedAtOnceOnTheApiAndOnThePage() throws Exception {
        Answer api = announce("/api/v1/operators/import", 40 * MIB);
        assertThat(api).as("the API's import answered before the body was sent").isNotNull();
        assertThat(api.head().get(0)).startsWith("HTTP/1.1 413");
        assertThat(json.readTree(api.body()).get("message").asString()).isEqualTo("the upload announces "
                + "41,943,040 bytes (40 MiB) (Content-Length) and this endpoint takes a file of at most 33,554,432 "
                + "bytes (32 MiB); nothing of it was read: send a smaller file");

        // the page's form (the bearer header only takes it past MultipartGate, as a logged-in session would)
        Answer page = announce("/operators/import", 40 * MIB);
        assertThat(page).as("the page's import answered before the body was sent").isNotNull();
        assertThat(page.head().get(0)).startsWith("HTTP/1.1 413");
        assertThat(page.head())
                .anySatisfy(h -> assertThat(h).matches("(?i)content-type: text/plain;\\s*charset=UTF-8"));
        assertThat(page.body())
                .contains("this file is larger than this page takes (at most 33,554,432 bytes (32 MiB))")
                .contains("më i madh se sa pranon kjo faqe");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
