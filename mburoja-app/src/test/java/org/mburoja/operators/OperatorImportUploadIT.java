package org.mburoja.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Through the real server (MockMvc hands the controller parts it made itself, Tomcat's multipart parser never runs):
 * an import upload that cannot be read is refused with what was expected instead: not multipart, no part
 * {@code file}, a body that is not multipart after all, or larger than the server reads. (A file that is read but is
 * not CSV is {@code OperatorImportIT}'s.)
 */
@IntegrationTest
class OperatorImportUploadIT {

    private static final String BOUNDARY = "----mburoja-import";

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
        token = tokens.create(analyst.actor(), "import", Set.of(TokenScope.parse("operators:write")),
                Instant.now().plus(Duration.ofHours(1))).secret();
    }

    /** The error body of an import, checked to be the platform's with this status. */
    private JsonNode refused(String contentType, HttpRequest.BodyPublisher body, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/operators/import")).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(body).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode e = json.readTree(r.body());
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.get("path").asString()).isEqualTo("/api/v1/operators/import");
        return e;
    }

    @Test
    void aBodyThatIsNotMultipartIsRefusedNamingWhatTheImportTakes() throws Exception {
        JsonNode e = refused("application/json", HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}"), 415);
        assertThat(e.get("error").asString()).isEqualTo("unsupported_media_type");
        assertThat(e.get("message").asString())
                .startsWith("Content-Type 'application/json' is not supported; this endpoint takes ")
                .contains("multipart/form-data").contains("text/csv");
    }

    @Test
    void aMultipartBodyWithoutThePartFileIsRefusedNamingThePart() throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"ops.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nname,nipt\r\n--" + BOUNDARY + "--\r\n";
        JsonNode e = refused("multipart/form-data; boundary=" + BOUNDARY, HttpRequest.BodyPublishers.ofString(body),
                400);
        assertThat(e.get("error").asString()).isEqualTo("invalid_input");
        assertThat(e.get("message").asString()).isEqualTo("the multipart request has no part 'file'");
        assertThat(e.get("fields").get(0).get("field").asString()).isEqualTo("file");
        assertThat(e.get("fields").get(0).get("reason").asString())
                .isEqualTo("required: send the file as the multipart part 'file' (the form field's name)");
    }

    @Test
    void aBodyLabelledMultipartWithoutABoundaryIsRefusedSayingWhy() throws Exception {
        JsonNode e = refused("multipart/form-data", HttpRequest.BodyPublishers.ofString("name,nipt\r\n"), 400);
        assertThat(e.get("error").asString()).isEqualTo("invalid_input");
        assertThat(e.get("message").asString()).isEqualTo("the request body is not readable multipart/form-data");
        assertThat(e.get("fields").get(0).get("field").asString()).isEqualTo("body");
        assertThat(e.get("fields").get(0).get("reason").asString()).contains("no multipart boundary was found");
    }

    @Test
    void anUploadOfUnannouncedLengthOverTheServersLimitIsRefusedWithTheLimit() throws Exception {
        // chunked, so nothing refuses it before Tomcat has read the server's limit of it
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ops.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nname,nipt\r\n").getBytes(StandardCharsets.US_ASCII);
        long size = 65L << 20;
        JsonNode e = refused("multipart/form-data; boundary=" + BOUNDARY,
                HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(head, size)), 413);
        assertThat(e.get("error").asString()).isEqualTo("too_large");
        assertThat(e.get("message").asString()).isEqualTo("the upload is larger than this server reads from one "
                + "request (at most 67,108,864 bytes (64 MiB), spring.servlet.multipart.max-request-size); nothing of "
                + "it was processed; this endpoint takes a file of at most 33,554,432 bytes (32 MiB)");
    }

    /** {@code head}, then the letter a up to {@code size} bytes in all: a large file made as it is sent. */
    private static final class Filler extends InputStream {
        private final byte[] head;
        private final long size;
        private long sent;

        Filler(byte[] head, long size) {
            this.head = head;
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (sent >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - sent);
            for (int i = 0; i < n; i++) {
                b[off + i] = sent < head.length ? head[(int) sent] : (byte) 'a';
                sent++;
            }
            return n;
        }
    }
}
