package org.mburoja.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.mburoja.leaks.BreachRecords;
import org.mburoja.leaks.LeakScanJobs;
import org.springframework.context.ApplicationContext;

/**
 * Objects the authorisation matrix needs for the intelligence and leak pages: a closed collection (authority staff
 * only) with one TLP:RED indicator, a scan job and a breach record. Created on first use, once per test.
 */
final class PageMatrixFixtures {

    private final ApplicationContext ctx;
    private final Actor admin;
    private final Actor analyst;
    private IntelCollection collection;
    private String object;

    PageMatrixFixtures(ApplicationContext ctx, Actor admin, Actor analyst) {
        this.ctx = ctx;
        this.admin = admin;
        this.analyst = analyst;
    }

    String collection() {
        if (collection == null) {
            String alias = "authz-" + UUID.randomUUID().toString().substring(0, 8);
            collection = ctx.getBean(IntelCollections.class).create(admin, "intel", alias, "Matrix " + alias, null,
                    false, false);
        }
        return collection.id().toString();
    }

    String object() {
        if (object == null) {
            String json = resource("/authz/intel-indicator.json").replace("{uuid}", UUID.randomUUID().toString());
            var node = StixJson.MAPPER.readTree(json);
            ctx.getBean(StixStore.class).ingest(admin, UUID.fromString(collection()), List.of(node), "local");
            object = node.get("id").asString();
        }
        return object;
    }

    String scanJob() {
        byte[] dump = resource("/authz/leak-dump.csv").getBytes(StandardCharsets.UTF_8);
        return ctx.getBean(LeakScanJobs.class).submitUpload(analyst, "matrix.csv",
                new java.io.ByteArrayInputStream(dump), false).id().toString();
    }

    String breach() {
        return ctx.getBean(BreachRecords.class).open(analyst, new BreachRecords.NewBreach("Matrix breach", "paste",
                Instant.now(), null, null, null)).id().toString();
    }

    private static String resource(String name) {
        try (InputStream in = PageMatrixFixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
