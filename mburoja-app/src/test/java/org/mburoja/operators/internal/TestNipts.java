package org.mburoja.operators.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Valid, distinct NIPTs for integration tests (one Spring context and database serve every test). */
public final class TestNipts {

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 50_000_000L);

    private TestNipts() {
    }

    public static String next() {
        String body = "L" + String.format("%08d", NEXT.incrementAndGet() % 100_000_000L);
        return body + Nipt.checkLetter(body);
    }
}
