package org.mburoja.identity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
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
 * case evidence and operator data would lie in clear.
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
