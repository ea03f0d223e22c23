package org.mburoja.stix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the shared test data lives (system property {@code mburoja.shared.dir}, set by the build). */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir(String relative) {
        String base = System.getProperty("mburoja.shared.dir", "../../shared");
        Path p = Paths.get(base, "data").resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("shared test data missing: " + p.toAbsolutePath());
        }
        return p;
    }
}
