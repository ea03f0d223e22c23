package org.mburoja.intel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.mburoja.MburojaServer;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.NewUser;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.TokenScope;
import org.mburoja.identity.Users;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.ObjectOutcome;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark (not a test) of the STIX store and the TAXII server on PostgreSQL: bulk ingest rate, the baseline of one
 * object per request in the same run, then TAXII GET objects throughput and latency with 1, 16 and 64 concurrent
 * clients over loopback HTTP with a real Bearer token. Recreates the database {@code mburoja_intel_bench}.
 *
 * <p>Run: {@code java -cp <test classpath> org.mburoja.intel.bench.TaxiiBench [objects] [seconds-per-level]}
 * (defaults 1,000,000 objects, 20 s). Objects: indicators with IPv4 patterns, labels and a TLP mix, ~600 bytes.
 */
public final class TaxiiBench {

    private static final String[] TLP = {"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"};

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String host = System.getProperty("pg", "jdbc:postgresql://127.0.0.1:55432/");
        // -Dbench.db=<name> picks the database to recreate; -Dbench.http=false stops after the ingest
        String db = System.getProperty("bench.db", "mburoja_intel_bench");
        if (!db.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("bench.db must be a plain lower-case identifier: " + db);
        }
        try (Connection c = DriverManager.getConnection(host + "postgres", "mburoja", "mburoja");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        SpringApplication app = new SpringApplication(MburojaServer.class);
        // command-line arguments: they outrank application.yml (whose datasource comes from MBUROJA_DB_URL)
        String[] props = Map.of(
                "spring.datasource.url", host + db + "?reWriteBatchedInserts=true",
                "spring.datasource.username", "mburoja", "spring.datasource.password", "mburoja",
                "server.port", "0", "mburoja.tool", "false", "logging.level.root", "WARN",
                "mburoja.home", System.getProperty("java.io.tmpdir") + "/mburoja-bench-home")
                .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext ctx = app.run(props)) {
            String url = ctx.getEnvironment().getProperty("spring.datasource.url");
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalStateException("the benchmark must run on PostgreSQL, not " + url);
            }
            run(ctx, objects, seconds);
        }
    }

    private static void run(ConfigurableApplicationContext ctx, int objects, int seconds) throws Exception {
        StixStore store = ctx.getBean(StixStore.class);
        UUID national = UUID.fromString("9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0001");
        UUID partner = UUID.fromString("9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0002");
        Actor system = Actor.system("bench");
        SplittableRandom random = new SplittableRandom(42);

        // baseline: one object per ingest call (one transaction each), as a client posting objects one by one
        int baselineCount = Math.min(2_000, objects / 10);
        List<JsonNode> baseline = generate(random, baselineCount, 0);
        long t0 = System.nanoTime();
        for (JsonNode o : baseline) {
            store.ingest(system, partner, List.of(o), "local");
        }
        double baselineRate = baselineCount / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("baseline: %,d objects one per request: %,.0f objects/s%n", baselineCount, baselineRate);

        int bundle = 10_000;
        long accepted = 0;
        long ingestNanos = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long ingestCpu = 0;
        javax.sql.DataSource ds = ctx.getBean(javax.sql.DataSource.class);
        java.util.Map<Long, Long> pgBefore = backendCpuTicks(ds);
        for (int done = 0; done < objects; done += bundle) {
            List<JsonNode> batch = generate(random, Math.min(bundle, objects - done), baselineCount + done);
            long b0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            IngestReport r = store.ingest(system, national, batch, "local");
            ingestNanos += System.nanoTime() - b0;
            ingestCpu += os.getProcessCpuTime() - c0;
            accepted += r.count(ObjectOutcome.Status.ACCEPTED);
            if ((done / bundle) % 10 == 0) {
                System.out.printf("  %,d objects, %,.0f objects/s so far%n", done + batch.size(),
                        accepted / (ingestNanos / 1e9));
            }
        }
        System.out.printf("bulk ingest: %,d objects in bundles of %,d: %.1f s, %,.0f objects/s (%.1fx baseline)%n",
                accepted, bundle, ingestNanos / 1e9, accepted / (ingestNanos / 1e9),
                accepted / (ingestNanos / 1e9) / baselineRate);
        System.out.printf("bulk ingest: process CPU %.1f s (%.1f us/object, JVM only), load %s%n",
                ingestCpu / 1e9, ingestCpu / 1e3 / Math.max(1, accepted),
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        java.util.Map<Long, Long> pgAfter = backendCpuTicks(ds);
        long pgTicks = pgAfter.entrySet().stream().mapToLong(e -> e.getValue() - pgBefore.getOrDefault(e.getKey(), 0L))
                .sum();
        // 100 ticks per second (USER_HZ on Linux); the server is on this host, so its backends are readable here
        System.out.printf("bulk ingest: PostgreSQL backend CPU %.1f s (%.1f us/object); JVM + PostgreSQL %.1f us/object%n",
                pgTicks / 100.0, pgTicks * 1e4 / Math.max(1, accepted),
                (ingestCpu / 1e3 + pgTicks * 1e4) / Math.max(1, accepted));
        if (!Boolean.parseBoolean(System.getProperty("bench.http", "true"))) {
            return;
        }

        Users users = ctx.getBean(Users.class);
        var authority = ctx.getBean(Organisations.class).nationalAuthority().orElseThrow();
        var user = users.create(system, new NewUser("bench-" + UUID.randomUUID().toString().substring(0, 6),
                "Benchmark", null, authority.id(), Role.ANALYST)).user();
        String token = ctx.getBean(ApiTokens.class).create(user.toActor(), "bench",
                Set.of(TokenScope.parse("intel:read")), Instant.now().plus(Duration.ofDays(1))).secret();
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        String url = "http://127.0.0.1:" + port + "/taxii2/intel/collections/" + national + "/objects/?limit=100";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/taxii+json;version=2.1").build();
        HttpResponse<byte[]> check = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (check.statusCode() != 200 || StixJson.MAPPER.readTree(check.body()).get("objects").size() != 100) {
            throw new IllegalStateException("GET objects failed: " + check.statusCode());
        }
        Instant first = Instant.parse(check.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow());
        for (int clients : new int[] {1, 16, 64}) {
            load(http, url, token, first, clients, seconds);
        }
    }

    /** Each client pages from a random position (added_after) so reads spread over the whole collection. */
    private static void load(HttpClient http, String url, String token, Instant first, int clients, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long spanMicros = Duration.between(first, Instant.now()).toNanos() / 1000;
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[500_000];
            latencies.add(mine);
            int seed = c;
            Thread.ofPlatform().start(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                int n = 0;
                while (System.nanoTime() < end && n < mine.length - 1) {
                    Instant after = first.plusNanos(r.nextLong(Math.max(1, spanMicros)) * 1000);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url + "&added_after=" + after))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/taxii+json;version=2.1").build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (resp.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine[++n] = System.nanoTime() - t0;
                }
                mine[0] = n;
                done.countDown();
            });
        }
        done.await();
        int total = latencies.stream().mapToInt(l -> (int) l[0]).sum();
        long[] all = new long[total];
        int i = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, i, (int) l[0]);
            i += (int) l[0];
        }
        Arrays.sort(all);
        System.out.printf("GET objects (limit=100) clients=%d: %,.0f requests/s (%,.0f objects/s), p50 %.1f ms, "
                        + "p99 %.1f ms, errors %d%n", clients, total / (double) seconds,
                total * 100 / (double) seconds, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6, errors.get());
    }

    /**
     * CPU ticks (user + system) of the client backends connected to the bench database (not autovacuum, whose
     * work lands in a run or the next by timing), by process id, read
     * from {@code /proc}: the server must run on this host (it does for the bench). Empty when it cannot be read.
     */
    private static java.util.Map<Long, Long> backendCpuTicks(javax.sql.DataSource ds) {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND backend_type = 'client backend'")) {
            while (rs.next()) {
                long pid = rs.getLong(1);
                try {
                    String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (java.io.IOException | RuntimeException e) {
                    // the backend ended, or /proc is not this host's
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static List<JsonNode> generate(SplittableRandom r, int n, int offset) {
        List<JsonNode> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = offset + i;
            String ip = (k >>> 24 & 255) + "." + (k >>> 16 & 255) + "." + (k >>> 8 & 255) + "." + (k & 255);
            String ts = Instant.ofEpochSecond(1_760_000_000L + k).toString().replace("Z", ".000Z");
            String json = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
                    + new UUID(0x1000_0000_0000_4000L | ((long) k << 16), 0x8000_0000_0000_0000L | r.nextLong(1L << 48)) + "\","
                    + "\"created\":\"" + ts + "\",\"modified\":\"" + ts + "\",\"name\":\"C2 server " + ip + "\","
                    + "\"description\":\"Command-and-control address observed in campaign " + (k % 97) + "\","
                    + "\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[ipv4-addr:value = '" + ip + "']\","
                    + "\"pattern_type\":\"stix\",\"valid_from\":\"" + ts + "\",\"labels\":[\"c2\",\"campaign-"
                    + (k % 97) + "\"],\"confidence\":" + (k % 100) + ",\"object_marking_refs\":[\""
                    + TLP[k % TLP.length] + "\"]}";
            out.add(StixJson.MAPPER.readTree(json));
        }
        return out;
    }
}
