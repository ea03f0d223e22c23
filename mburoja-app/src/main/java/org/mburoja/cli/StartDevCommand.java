package org.mburoja.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mburoja start-dev}: the server on the embedded default (H2 in file mode under the data directory), as
 * Keycloak's {@code kc.sh start-dev}. The first start creates the national authority and an {@code admin} user and
 * prints its password once.
 */
@Command(name = "start-dev", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start the server on the embedded database (H2 file under the data directory); zero setup.")
public final class StartDevCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "<port>", description = "HTTP port (default: $SERVER_PORT, else 8080).")
    Integer port;

    @Option(names = "--home", paramLabel = "<dir>", description = "Data directory (default: $MBUROJA_HOME, else ./data).")
    Path home;

    @Override
    public Integer call() {
        return ServerCommand.start(ServerLauncher.Mode.EMBEDDED, home != null ? home : DatabaseOptions.defaultHome(), port);
    }
}
