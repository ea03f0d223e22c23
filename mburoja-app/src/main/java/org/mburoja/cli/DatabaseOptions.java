package org.mburoja.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which database a tool command works on: the production one from configuration, or the embedded one. */
public final class DatabaseOptions {

    @Option(names = "--embedded",
            description = "Work on the embedded H2 database of 'start-dev' under the data directory "
                    + "instead of the configured production database.")
    boolean embedded;

    @Option(names = "--home", paramLabel = "<dir>",
            description = "Data directory (default: $MBUROJA_HOME, else ./data).")
    Path home;

    public ServerLauncher.Mode mode() {
        return embedded ? ServerLauncher.Mode.EMBEDDED : ServerLauncher.Mode.PRODUCTION;
    }

    public Path home() {
        return home != null ? home : defaultHome();
    }

    static Path defaultHome() {
        String env = System.getenv("MBUROJA_HOME");
        return Path.of(env == null || env.isBlank() ? "data" : env);
    }
}
