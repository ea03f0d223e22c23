package org.mburoja.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mburoja.testing.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Forms the servlet container will not read (over its 2 MB form limit, or with too many fields) are answered with
 * the reason and what to do, in both languages, through the real server (MockMvc has no such limit): before this,
 * Tomcat's bare error page or a JSON error said only "Payload Too Large" or "Bad Request".
 */
@IntegrationTest
class FormLimitIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> postForm(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** JSON-lines events as a form field: the braces, quotes and colons take three bytes each once encoded. */
    private static String pastedEvents(int events) {
        String line = "%7B%22DestinationIp%22%3A%22198.51.100.7%22%2C%22Image%22%3A%22C%3A%5C%5Cx.exe%22%7D%0A";
        return "text=" + line.repeat(events) + "&_csrf=whatever";
    }

    @Test
    void aFormOverTheLimitIsRefusedWithTheLimitAndWhatToDo() throws Exception {
        String big = pastedEvents(30_000); // 2.6 MB encoded, 1.4 MB of pasted text
        assertThat(big.length()).isGreaterThan(2 * 1024 * 1024);
        for (String path : new String[] {"/intel/match", "/login"}) {
            HttpResponse<String> r = postForm(path, big);
            assertThat(r.statusCode()).as(path).isEqualTo(413);
            assertThat(r.body()).as(path).contains("larger than this server reads from a form")
                    .contains("2,097,152 bytes").contains("POST /api/v1/intel/match").contains("Formulari");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/plain"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void aFormWithTooManyFieldsIsRefusedWithItsReason() throws Exception {
        HttpResponse<String> r = postForm("/login", "a=1&".repeat(20_000) + "username=x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("more fields than this server reads");
    }

    @Test
    void aFormWithinTheLimitGoesOnToTheSecurityChainAsBefore() throws Exception {
        HttpResponse<String> r = postForm("/intel/match", pastedEvents(10_000)); // 0.9 MB: read, then no CSRF token
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("larger than this server reads");
    }
}
