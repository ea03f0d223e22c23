package org.mburoja.leak;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Scans fixture files that sit next to the tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }

    static ScanReport scan(String name) throws IOException {
        return scan(path(name), ScanOptions.defaults());
    }

    static ScanReport scan(Path p, ScanOptions options) throws IOException {
        return new LeakScanner(options).scan(List.of(p), ScanProgress.NONE);
    }
}
