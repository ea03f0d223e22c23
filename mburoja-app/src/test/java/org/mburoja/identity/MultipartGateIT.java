package org.mburoja.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Through the real server (MockMvc has no servlet container to parse multipart bodies): a multipart request is
 * answered without its body being read unless the caller is fully logged in, so nobody can make the server read and
 * store uploads before being refused. A request whose body is never finished shows it: it is answered at once.
 */
@IntegrationTest
class MultipartGateIT {

    private static final String BOUNDARY = "----mburoja-gate";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * The status line and headers of the answer to a multipart post of which only the first kilobyte is sent. It
     * announces 20 MB, within the upload limit of every endpoint (the operator import's is 32 MiB), so that only the
     * gate decides whether it is read.
     */
    private List<String> unfinishedUpload(String path, String cookie) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000); // a refusal comes in milliseconds; a body being read never ends
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: 20000000\r\n" + (cookie == null ? "" : "Cookie: JSESSIONID=" + cookie + "\r\n")
                    + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dump.csv\""
                    + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("emri,numri_personal\nArben,J00101999W\n".repeat(30).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            List<String> head = new ArrayList<>();
            try {
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    head.add(line);
                }
            } catch (SocketTimeoutException e) {
                head.add("no answer: the server waits for the rest of the body");
            }
            return head;
        }
    }

    /** A complete multipart post (with no CSRF token in it) in the session, as the status code it gets. */
    private int completeUpload(String path, String cookie) throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ops.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nname,sector\r\n--" + BOUNDARY + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("Cookie", "JSESSIONID=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void anAnonymousMultipartPostIsAnsweredWithoutItsBodyBeingRead() throws Exception {
        List<String> page = unfinishedUpload("/intel/upload", null);
        assertThat(page.get(0)).startsWith("HTTP/1.1 302");
        assertThat(page).anySatisfy(h -> assertThat(h).matches("(?i)location: .*/login"))
                .anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("connection: close"));
        assertThat(unfinishedUpload("/login", null).get(0)).startsWith("HTTP/1.1 302");
        assertThat(unfinishedUpload("/api/v1/leaks/scans?name=x.csv", null).get(0)).startsWith("HTTP/1.1 401");
        assertThat(unfinishedUpload("/intel/upload", "not-a-session").get(0)).startsWith("HTTP/1.1 302");
    }

    @Test
    void aSessionHalfwayThroughItsLoginIsRefusedAndAFullLoginGoesOnToTheSecurityChain() throws Exception {
        Accounts accounts = new Accounts(ctx);
        Accounts.Account admin = accounts.ready(Role.ADMIN, accounts.authority().id());

        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String session = cookie(form);
        HttpResponse<String> password = post("/login", session, csrf(form.body()),
                "username=" + enc(admin.username()) + "&password=" + enc(admin.password()));
        assertThat(password.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/login/mfa"));
        session = cookie(password, session);

        // past the password, before the code: not logged in yet
        assertThat(unfinishedUpload("/operators/import", session).get(0)).startsWith("HTTP/1.1 302");
        assertThat(completeUpload("/operators/import", session)).as("refused by the gate").isEqualTo(302);

        HttpResponse<String> mfaForm = get("/login/mfa", session);
        HttpResponse<String> mfa = post("/login/mfa", session, csrf(mfaForm.body()),
                "code=" + Accounts.totp(admin.totpSecret(), Instant.now()));
        assertThat(mfa.statusCode()).isEqualTo(302);
        session = cookie(mfa, session);
        assertThat(get("/", session).statusCode()).as("fully logged in").isEqualTo(200);

        // logged in: the body is read (the server waits for it), and the chain's CSRF check then refuses it
        assertThat(unfinishedUpload("/operators/import", session))
                .containsExactly("no answer: the server waits for the rest of the body");
        assertThat(completeUpload("/operators/import", session)).as("past the gate, no CSRF token").isEqualTo(403);
    }

    private HttpResponse<String> get(String path, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String session, String csrf, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(csrf))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    private static String cookie(HttpResponse<?> r) {
        return cookie(r, null);
    }

    /** The session cookie the response sets, else the one the request had. */
    private static String cookie(HttpResponse<?> r, String before) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION.matcher(c);
            if (m.find()) {
                return m.group(1);
            }
        }
        assertThat(before).as("a session cookie").isNotNull();
        return before;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
