package org.mburoja.identity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Through the real server (MockMvc hands the controllers parts it made itself, Tomcat's multipart parser never runs):
 * the parts of an upload stay in memory and are never written to the servlet container's temporary directory, where
 * case evidence and operator data would lie in clear; and only {@code mburoja.uploads.max-concurrent-multipart}
 * multipart requests (2 in tests) are read at once, the next one being answered 503 at once, its body unread.
 */
@IntegrationTest
class MultipartInMemoryIT {

    private static final String BOUNDARY = "----mburoja-in-memory";

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
    private String evidencePath;

    @BeforeEach
    void anAnalystWithACase() throws Exception {
        Accounts accounts = new Accounts(ctx);
        Accounts.Account analyst = accounts.ready(Role.ANALYST, accounts.authority().id());
        token = tokens.create(analyst.actor(), "multipart", Set.of(TokenScope.parse("incidents:write")),
                Instant.now().plus(Duration.ofHours(1))).secret();
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(uri("/api/v1/incidents/cases"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Mailbox extract of a ministry\","
                        + "\"severity\":\"HIGH\",\"rsitClass\":\"intrusions\",\"rsitType\":\"system-compromise\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as("the case is opened").isEqualTo(201);
        evidencePath = "/api/v1/incidents/cases/" + json.readTree(opened.body()).get("id").asString() + "/evidence";
    }

    @Test
    void anEvidenceFileOfSeveralMegabytesIsNeverWrittenToTheContainersTemporaryDirectory() throws Exception {
        byte[] sample = file(6 << 20, 1);
        Path dir = uploadDirectory();
        List<HttpResponse<String>> answer = new ArrayList<>();
        List<String> created = filesCreatedIn(dir, () -> answer.add(http.send(HttpRequest.newBuilder(uri(evidencePath))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("mailbox.bin", "application/octet-stream",
                        sample))).build(), HttpResponse.BodyHandlers.ofString())));

        assertThat(answer.get(0).statusCode()).as("the evidence is stored").isEqualTo(201);
        JsonNode evidence = json.readTree(answer.get(0).body());
        assertThat(evidence.get("sizeBytes").asLong()).isEqualTo(sample.length);
        assertThat(evidence.get("sha256").asString())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sample)));
        assertThat(created).as("files created in %s (Tomcat's upload directory) during the upload", dir).isEmpty();
    }

    @Test
    void aMultipartRequestOverTheBoundIsRefusedUnreadUntilTheOthersAreDone() throws Exception {
        int bound = ctx.getEnvironment().getRequiredProperty("mburoja.uploads.max-concurrent-multipart",
                Integer.class);
        List<HeldUpload> held = new ArrayList<>();
        try {
            for (int i = 0; i <= bound; i++) {
                held.add(new HeldUpload(evidencePath, "text/plain", file(256 << 10, 10 + i)));
            }
            // every request was sent with half of its file: all but one are being read, that one is answered at once
            List<HeldUpload> refused = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(3);
            for (HeldUpload h : held) {
                if (h.answerBy(deadline)) {
                    refused.add(h);
                }
            }
            assertThat(refused).as("requests answered before their body was sent whole, of %d", held.size())
                    .hasSize(1);
            HeldUpload over = refused.get(0);
            assertThat(over.head.get(0)).startsWith("HTTP/1.1 503");
            assertThat(over.head).anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("connection: close"))
                    .anySatisfy(h -> assertThat(h).matches("(?i)retry-after: \\d+"));
            assertThat(over.body).contains("\"error\":\"service_unavailable\"")
                    .contains("mburoja.uploads.max-concurrent-multipart");
            assertThat(over.finishIsClosed()).as("the refused request's connection is closed").isTrue();

            // a page's upload meanwhile: a message in both languages (the bearer header only takes it past the gate)
            try (HeldUpload page = new HeldUpload("/operators/import", "text/csv", "name,sector\n".getBytes(UTF_8))) {
                assertThat(page.answerBy(Instant.now().plusSeconds(3))).as("the page's upload is answered").isTrue();
                assertThat(page.head.get(0)).startsWith("HTTP/1.1 503");
                assertThat(page.head).anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("connection: close"))
                        .anySatisfy(h -> assertThat(h).matches("(?i)content-type: text/plain;\\s*charset=UTF-8"));
                assertThat(page.body).contains("uploads at once").contains("ngarkime njëherësh");
            }
            // an anonymous one is sent to the login by the gate first: it takes no permit, even when there is none
            try (HeldUpload anonymous = new HeldUpload("/operators/import", "text/csv", new byte[64], null)) {
                assertThat(anonymous.answerBy(Instant.now().plusSeconds(3))).isTrue();
                assertThat(anonymous.head.get(0)).startsWith("HTTP/1.1 302");
            }

            for (HeldUpload h : held) {
                if (h != over) {
                    assertThat(h.finish()).as("an upload that was being read, finished").startsWith("HTTP/1.1 201");
                }
            }
        } finally {
            for (HeldUpload h : held) {
                h.close();
            }
        }
        // the permits come back as the requests end (an answer can reach the client a moment before that)
        int status = 503;
        for (Instant end = Instant.now().plusSeconds(10); status == 503 && Instant.now().isBefore(end); ) {
            status = http.send(HttpRequest.newBuilder(uri(evidencePath)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("after.txt", "text/plain",
                            file(1024, 99)))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 503) {
                Thread.sleep(100);
            }
        }
        assertThat(status).as("an upload once the others are done").isEqualTo(201);
    }

    /**
     * A multipart upload over its own connection, sent in two steps: its headers and the first half of its file,
     * which leaves the server reading the body (or answering at once if it refuses it), then the rest.
     */
    private final class HeldUpload implements AutoCloseable {

        private final Socket socket;
        private final byte[] rest;
        List<String> head = List.of();
        String body = "";

        HeldUpload(String path, String type, byte[] file) throws IOException {
            this(path, type, file, token);
        }

        HeldUpload(String path, String type, byte[] file, String bearer) throws IOException {
            byte[] whole = multipart("held.txt", type, file);
            int half = whole.length - file.length / 2 - ("\r\n--" + BOUNDARY + "--\r\n").length();
            socket = new Socket("127.0.0.1", port);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: "
                    + whole.length + "\r\n\r\n").getBytes(US_ASCII));
            out.write(whole, 0, half);
            out.flush();
            rest = Arrays.copyOfRange(whole, half, whole.length);
        }

        /** Whether the server answered by then; if so, its head and body. */
        boolean answerBy(Instant deadline) throws IOException {
            socket.setSoTimeout((int) Math.max(100, Duration.between(Instant.now(), deadline).toMillis()));
            try {
                head = head(socket.getInputStream());
            } catch (SocketTimeoutException e) {
                return false;
            }
            socket.setSoTimeout(5_000);
            body = body(socket.getInputStream(), head);
            return true;
        }

        /**
         * Sends the rest of the body of a refused request, which Tomcat discards (up to
         * {@code server.tomcat.max-swallow-size}) before closing the connection: whether it closed it.
         */
        boolean finishIsClosed() throws IOException {
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            try {
                return socket.getInputStream().read() == -1;
            } catch (SocketException reset) {
                return true;
            }
        }

        /** Sends the rest of the body; the status line of the answer. */
        String finish() throws IOException {
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            socket.setSoTimeout(30_000);
            return head(socket.getInputStream()).get(0);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The status line and header lines of an answer, read byte by byte so that nothing after them is consumed. */
    static List<String> head(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l; !(l = line(in)).isEmpty(); ) {
            lines.add(l);
        }
        return lines;
    }

    /** The body of an answer whose head has been read: by its length, or its chunks (else none). */
    static String body(InputStream in, List<String> head) throws IOException {
        for (String h : head) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                return new String(in.readNBytes(Integer.parseInt(h.substring(15).strip())), UTF_8);
            }
        }
        if (head.stream().noneMatch(h -> h.equalsIgnoreCase("transfer-encoding: chunked"))) {
            return "";
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(line(in), 16)) > 0; line(in)) {
            body.writeBytes(in.readNBytes(size));
        }
        return body.toString(UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new IOException("connection closed in the middle of a line: " + line.toString(UTF_8));
            }
            line.write(b);
        }
        return line.toString(UTF_8).strip();
    }

    /**
     * Where Tomcat writes a part above the threshold: the multipart location, resolved as Tomcat resolves it, against
     * the servlet context's temporary directory (here Spring Boot's {@code tomcat.<port>.<n>/work/...} under
     * {@code java.io.tmpdir}), which it is when no location is set.
     */
    private Path uploadDirectory() {
        File tempdir = (File) ((WebApplicationContext) ctx).getServletContext().getAttribute(ServletContext.TEMPDIR);
        String location = ctx.getBean(MultipartConfigElement.class).getLocation();
        Path dir = location == null || location.isEmpty() ? tempdir.toPath() : tempdir.toPath().resolve(location);
        assertThat(dir).as("Tomcat's upload directory").isDirectory();
        return dir;
    }

    interface Upload {
        void run() throws Exception;
    }

    /**
     * The names of the files created in a directory while an upload runs, from the kernel's notifications: a file
     * that Tomcat deletes when the request ends is seen all the same.
     */
    private static List<String> filesCreatedIn(Path dir, Upload upload) throws Exception {
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            upload.run();
            // notifications come in order: once that of a file made now is seen, all earlier ones have been
            Path marker = Files.createTempFile(dir, "marker-", ".tmp");
            Files.delete(marker);
            List<String> created = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                        created.add("(notifications lost)");
                    } else if (e.context().equals(marker.getFileName())) {
                        return created;
                    } else {
                        created.add(e.context().toString());
                    }
                }
                key.reset();
            }
            throw new AssertionError("no notification of " + marker + " within 30 s; seen before: " + created);
        }
    }

    /** A multipart body of one part 'file'. */
    private static byte[] multipart(String filename, String type, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(US_ASCII));
        return body.toByteArray();
    }

    /** Seeded bytes that pass for text (the evidence checks) as much as for a sample or an archive. */
    private static byte[] file(int size, long seed) {
        Random random = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + random.nextInt(26));
        }
        return b;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
