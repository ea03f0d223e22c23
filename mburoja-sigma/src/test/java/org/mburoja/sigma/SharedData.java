package org.mburoja.sigma;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the shared test data is ({@code -Dmburoja.shared.dir}, set by the build). */
final class SharedData {

    private SharedData() {
    }

    static Path dir() {
        String p = System.getProperty("mburoja.shared.dir", "../../shared");
        Path d = Path.of(p, "data");
        Assumptions.assumeTrue(Files.isDirectory(d), "shared data not found at " + d);
        return d;
    }

    static LogSourceMapping mapping() throws java.io.IOException {
        return LogSourceMapping.load(dir().resolve("sigma/logsource-mapping.yml"));
    }
}
